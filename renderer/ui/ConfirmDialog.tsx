// "Are you sure?" before a destructive action: a modal <dialog> (focus kept inside, Esc = no),
// the question in the screen's language, the dangerous button named by what it does.
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export interface ConfirmQuestion {
  /** What will happen, in a sentence ("Revoke the kiosk "Entrance"? It will stop at once."). */
  text: string;
  /** The button that does it ("Revoke"); the other one says Cancel. */
  confirm: string;
}

type Pending = ConfirmQuestion & { resolve: (yes: boolean) => void };

/**
 * `const [dialog, ask] = useConfirm()`: render `dialog` once, then `if (await ask({…})) …`.
 * Resolves false on Cancel, Esc or a second question.
 */
export function useConfirm(): [ReactNode, (q: ConfirmQuestion) => Promise<boolean>] {
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
  return [<ConfirmDialog key="confirm" question={pending} onAnswer={answer} />, ask];
}

function ConfirmDialog({ question, onAnswer }: { question: ConfirmQuestion | null; onAnswer: (yes: boolean) => void }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  const no = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (question && !d.open) {
      d.showModal();
      // The safe answer has the focus: Enter by habit does not destroy anything.
      no.current?.focus();
    } else if (!question && d.open) d.close();
  }, [question]);
  return (
    <dialog ref={ref} className="dialog" role="alertdialog" aria-labelledby="confirm-text" onClose={() => question && onAnswer(false)} data-testid="confirm-dialog">
      <p id="confirm-text" className="confirm-text">{question?.text}</p>
      <div className="row">
        <button type="button" className="btn-danger" onClick={() => onAnswer(true)} data-testid="confirm-yes">{question?.confirm}</button>
        <button type="button" className="btn" ref={no} onClick={() => onAnswer(false)} data-testid="confirm-no">{t('common.cancel')}</button>
      </div>
    </dialog>
  );
}
