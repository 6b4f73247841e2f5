// A question before an action that cannot be undone (no-show, cancel, close a counter, revoke a
// device, disable an account): a modal <dialog> — focus moves into it and stays there, Escape says
// no; at the counter the confirming button has the focus so Enter says yes (the clerk's F-key
// flow), in admin (`safeFocus`) Cancel has it; the title and the question are its accessible name
// and description. `useConfirm()` asks one as a promise.
import { useCallback, useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import '../styles/staff.css';

export function ConfirmDialog({ open, title, children, fields, confirm, danger = true, busy = false, safeFocus = false, onConfirm, onClose, testId }: {
  open: boolean;
  title: string;
  /** The question's explanation (the dialog's description). */
  children?: ReactNode;
  /** Choices the action needs (a clerk, a service), below the explanation; focus starts on the first. */
  fields?: ReactNode;
  /** The confirming button's words: say what it does ("Mark no-show"), not "OK". */
  confirm: string;
  danger?: boolean;
  busy?: boolean;
  /** Cancel has the focus (an Enter out of habit destroys nothing). */
  safeFocus?: boolean;
  onConfirm: () => void;
  onClose: () => void;
  testId?: string;
}) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  const yes = useRef<HTMLButtonElement>(null);
  const no = useRef<HTMLButtonElement>(null);
  const id = useId();
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) {
      d.showModal();
      (d.querySelector<HTMLElement>('.confirm-fields select, .confirm-fields input') ?? (safeFocus ? no.current : yes.current))?.focus();
    } else if (!open && d.open) d.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      className="dialog confirm-dialog"
      // Escape says no through the state, before the dialog hides: a key pressed right after it
      // (F6 again) already finds the screen's shortcuts on. The element's own close event comes later.
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      // The close event is queued: if the dialog has been opened again since (no-show asked, Escape,
      // asked again at once), it is stale and must not close the new question.
      onClose={() => {
        if (!ref.current?.open) onClose();
      }}
      aria-labelledby={`${id}-title`} aria-describedby={`${id}-body`} data-testid={testId ?? 'confirm-dialog'}>
      <form
        method="dialog"
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          if (!busy) onConfirm();
        }}
      >
        <h2 id={`${id}-title`}>{title}</h2>
        <div id={`${id}-body`}>{children}</div>
        {fields && <div className="confirm-fields form">{fields}</div>}
        <div className="row">
          <button ref={yes} type="submit" className={danger ? 'btn-danger' : 'btn-primary'} disabled={busy} data-testid="confirm-yes">{confirm}</button>
          <button ref={no} type="button" className="btn" onClick={onClose} data-testid="confirm-no">{t('staffScreens.common.goBack')}</button>
        </div>
      </form>
    </dialog>
  );
}

export interface ConfirmQuestion {
  /** What will happen, in a sentence ("Revoke the kiosk "Entrance"? It stops at once."). */
  text: string;
  /** The button that does it ("Revoke"). */
  confirm: string;
}

type Pending = ConfirmQuestion & { resolve: (yes: boolean) => void };

/**
 * `const [dialog, ask] = useConfirm()`: render `dialog` once, then `if (await ask({…})) …`.
 * Resolves false on Cancel, Escape or a second question; Cancel has the focus.
 */
export function useConfirm(): [ReactNode, (q: ConfirmQuestion) => Promise<boolean>] {
  const { t } = useTranslation();
  const [pending, setPending] = useState<Pending | null>(null);
  const ask = useCallback(
    (q: ConfirmQuestion) =>
      new Promise<boolean>((resolve) => {
        setPending((prev) => {
          prev?.resolve(false);
          return { ...q, resolve };
        });
      }),
    [],
  );
  const answer = (yes: boolean) => {
    pending?.resolve(yes);
    setPending(null);
  };
  const dialog = (
    <ConfirmDialog key="confirm" open={pending !== null} title={t('confirmAsk.title')} confirm={pending?.confirm ?? ''} safeFocus onConfirm={() => answer(true)} onClose={() => answer(false)}>
      <p className="confirm-text">{pending?.text}</p>
    </ConfirmDialog>
  );
  return [dialog, ask];
}
