// 1–5 stars and an optional reason, once, after the ticket is done (public, by tracking code).
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useHub } from '../shell/app-context.tsx';
import { HubError } from '../hub-client.ts';
import { Icon } from '../ui/Icon.tsx';

const reasons = ['fast', 'friendly', 'slow', 'unclear', 'unresolved'] as const;

export function RatingForm({ code, big = false }: { code: string; big?: boolean }) {
  const { t } = useTranslation();
  const hub = useHub();
  const [rating, setRating] = useState(0);
  const [reason, setReason] = useState('');
  const [state, setState] = useState<'idle' | 'sending' | 'thanks' | 'already' | 'error'>('idle');

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!rating) return;
    setState('sending');
    try {
      await hub.publicRequest('POST', `/api/v1/track/${encodeURIComponent(code)}/rating`, { rating, ...(reason ? { reason } : {}) });
      setState('thanks');
    } catch (err) {
      setState(err instanceof HubError && err.status === 409 ? 'already' : 'error');
    }
  };

  if (state === 'thanks' || state === 'already') {
    return (
      <p className="rating-done" role="status" data-testid="rating-done">
        {state === 'thanks' ? t('rate.thanks') : t('rate.already')}
      </p>
    );
  }
  return (
    <form className={`rating ${big ? 'big' : ''}`} onSubmit={submit} data-testid="rating-form">
      <fieldset>
        <legend>{t('rate.question')}</legend>
        <div className="stars" role="radiogroup" aria-label={t('rate.question')}>
          {[1, 2, 3, 4, 5].map((n) => (
            <button
              key={n}
              type="button"
              role="radio"
              aria-checked={rating === n}
              aria-label={t('rate.stars', { count: n })}
              className={`star ${n <= rating ? 'on' : ''}`}
              onClick={() => setRating(n)}
              data-testid={`rate-${n}`}
            >
              <Icon name="star" size={big ? 64 : 40} filled={n <= rating} />
            </button>
          ))}
        </div>
      </fieldset>
      {rating > 0 && (
        <fieldset>
          <legend>{t('rate.reasonQuestion')}</legend>
          <div className="reasons">
            {reasons.map((r) => (
              <button key={r} type="button" className={`reason ${reason === r ? 'on' : ''}`} aria-pressed={reason === r} onClick={() => setReason(reason === r ? '' : r)} data-testid={`reason-${r}`}>
                {t(`rate.reasons.${r}`)}
              </button>
            ))}
          </div>
        </fieldset>
      )}
      {state === 'error' && <p className="error" role="alert">{t('rate.error')}</p>}
      <button type="submit" className="btn-primary" disabled={!rating || state === 'sending'} data-testid="rate-submit">{t('rate.submit')}</button>
    </form>
  );
}
