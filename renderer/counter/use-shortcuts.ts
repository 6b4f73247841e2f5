// Keyboard shortcuts for the counter, listened to on the page's own document. Plain keys only
// act when focus is not in a text field or on a button (Space must still press a focused button).
import { useEffect, useLayoutEffect, useRef, type RefObject } from 'react';
import { actionForKey, type CounterAction } from './legal-actions.ts';

export function useShortcuts(root: RefObject<HTMLElement | null>, enabled: boolean, run: (a: CounterAction) => void): void {
  // The latest `run` and `enabled`, set in the same commit as the DOM: a key pressed right after
  // the screen shows "serving" must already see the serving state (a plain effect runs later).
  const latest = useRef({ run, enabled });
  useLayoutEffect(() => {
    latest.current = { run, enabled };
  });
  useEffect(() => {
    const doc = root.current?.ownerDocument;
    if (!doc) return;
    const onKey = (e: KeyboardEvent) => {
      if (!latest.current.enabled) return;
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      const target = e.target as HTMLElement | null;
      const tag = target?.tagName ?? '';
      const inField = tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || target?.isContentEditable;
      const onControl = tag === 'BUTTON' || tag === 'A' || tag === 'SUMMARY';
      const fKey = /^F\d+$/.test(e.key);
      if (inField && !fKey) return;
      if (onControl && !fKey && e.key === ' ') return;
      if (doc.querySelector('dialog[open]')) return;
      const action = actionForKey(e.key);
      if (!action) return;
      e.preventDefault();
      latest.current.run(action);
    };
    doc.addEventListener('keydown', onKey);
    return () => doc.removeEventListener('keydown', onKey);
  }, [root]);
}
