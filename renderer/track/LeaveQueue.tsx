// "Leave the queue" on the tracking page: asks first (it cannot be undone), then cancels the
// ticket through the hub with the tracking code. Refusals are worded from the error code.
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useHub } from '../shell/app-context.tsx';
import { HubError } from '../hub-client.ts';
import { citizenErrorText } from '../book/citizen-error.ts';
import type { TrackResponse } from '../../shared/protocol/http.ts';

export function LeaveQueue({ code, number, onLeft }: { code: string; number: string; onLeft: (r: TrackResponse) => void }) {
  const { t } = useTranslation();
  const hub = useHub();
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const opener = useRef<HTMLButtonElement>(null);

  const leave = async () => {
    setBusy(true);
    setError(null);
    try {
      onLeft(await hub.publicRequest<TrackResponse>('POST', `/api/v1/track/${encodeURIComponent(code)}/cancel`, {}));
    } catch (err) {
      const own = err instanceof HubError && (err.code === 'already_called' || err.code === 'not_found');
      setError(own ? t(`trackLeave.errors.${(err as HubError).code}`) : citizenErrorText(t, err));
      setAsking(false);
    } finally {
      setBusy(false);
    }
  };

  if (!asking) {
    return (
      <section className="track-leave">
        {error && <p className="error" role="alert" data-testid="track-leave-error">{error}</p>}
        <button type="button" ref={opener} className="btn-danger" onClick={() => setAsking(true)} data-testid="track-leave">{t('trackLeave.button')}</button>
      </section>
    );
  }
  return (
    <section className="track-card track-leave-confirm" role="alertdialog" aria-modal="false" aria-labelledby="leave-title" aria-describedby="leave-text" data-testid="track-leave-confirm">
      <h2 id="leave-title">{t('trackLeave.title')}</h2>
      <p id="leave-text">{t('trackLeave.text', { number })}</p>
      <div className="track-leave-actions">
        {/* The safe answer first and focused: a slip of the thumb keeps the place. */}
        <button type="button" className="btn-primary" autoFocus disabled={busy} onClick={() => { setAsking(false); opener.current?.focus(); }} data-testid="track-leave-keep">{t('trackLeave.keep')}</button>
        <button type="button" className="btn-danger" disabled={busy} onClick={() => void leave()} data-testid="track-leave-yes">{busy ? t('trackLeave.leaving') : t('trackLeave.yes')}</button>
      </div>
    </section>
  );
}
