// "Already sent one? Enter its reference number": takes the citizen to /feedback/<reference>.
import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { normalizeReference } from '../../shared/protocol/feedback.ts';

export function ReferenceLookup() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [typed, setTyped] = useState('');
  const [bad, setBad] = useState(false);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const ref = normalizeReference(typed);
    if (!ref) return setBad(true);
    void navigate(`/feedback/${ref}`);
  };
  return (
    <form className="track-card feedback-lookup" onSubmit={submit} data-testid="feedback-lookup">
      <label htmlFor="feedback-ref">{t('feedback.lookup')}</label>
      <div className="feedback-lookup-row">
        <input id="feedback-ref" dir="ltr" autoCapitalize="characters" autoComplete="off" spellCheck={false} maxLength={20} value={typed}
          aria-invalid={bad} aria-describedby={bad ? 'feedback-ref-error' : undefined}
          onChange={(e) => { setTyped(e.target.value); setBad(false); }} data-testid="feedback-ref-input" />
        <button type="submit" className="btn-quiet" data-testid="feedback-ref-go">{t('feedback.lookupButton')}</button>
      </div>
      {bad && <p id="feedback-ref-error" className="error" role="alert">{t('feedback.errors.bad_reference')}</p>}
    </form>
  );
}
