// Complete with an outcome code and an optional note.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { OUTCOMES as outcomes } from '../../shared/protocol/entities.ts';

export function CompleteDialog({ open, onClose, onSubmit }: { open: boolean; onClose: () => void; onSubmit: (outcome: string, note: string) => void }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  const [outcome, setOutcome] = useState<string>('completed');
  const [note, setNote] = useState('');
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) {
      setOutcome('completed');
      setNote('');
      d.showModal();
    } else if (!open && d.open) d.close();
  }, [open]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSubmit(outcome, note);
  };
  return (
    <dialog ref={ref} className="dialog" onClose={onClose} aria-labelledby="complete-title" data-testid="complete-dialog">
      <form onSubmit={submit} className="form">
        <h2 id="complete-title">{t('counter.completeTitle')}</h2>
        <fieldset className="outcomes">
          <legend>{t('counter.outcome')}</legend>
          {outcomes.map((o) => (
            <label key={o} className="radio">
              <input type="radio" name="outcome" value={o} checked={outcome === o} onChange={() => setOutcome(o)} data-testid={`outcome-${o}`} />
              {t(`outcomes.${o}`)}
            </label>
          ))}
        </fieldset>
        <label>
          {t('counter.note')}
          <textarea className="field" rows={3} maxLength={500} value={note} onChange={(e) => setNote(e.target.value)} data-testid="complete-note" dir="auto" />
        </label>
        <div className="row">
          <button type="submit" className="btn-primary" data-testid="complete-submit">{t('counter.complete')}</button>
          <button type="button" className="btn" onClick={onClose}>{t('common.cancel')}</button>
        </div>
      </form>
    </dialog>
  );
}
