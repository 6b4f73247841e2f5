// The citizen's phone (QR on the ticket): position, expected wait, "your turn: counter N".
// Nothing personal is shown or asked.
import { useEffect } from 'react';
import { Navigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useTrack } from './use-track.ts';
import { useFormat } from '../i18n/use-format.ts';
import { CitizenHeader } from '../shell/CitizenHeader.tsx';
import { RatingForm } from './RatingForm.tsx';
import { NotifyPanel } from './NotifyPanel.tsx';
import { lastTrack, registerServiceWorker, rememberTrack } from './web-push.ts';
import { FeedbackLink } from '../feedback/FeedbackLink.tsx';
import '../styles/track.css';

export function TrackPage() {
  const { code = '' } = useParams();
  // `/track` (the installed app's start) opens the ticket last followed on this phone.
  const last = code ? null : lastTrack();
  if (!code && last) return <Navigate to={`/track/${last}`} replace />;
  return <TrackTicket code={code} />;
}

function TrackTicket({ code }: { code: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  const { data, error } = useTrack(code);
  const yourTurn = data && (data.status === 'called' || data.status === 'serving') && data.counter;
  useEffect(() => {
    if (!code) return;
    rememberTrack(code);
    void registerServiceWorker();
  }, [code]);
  return (
    <main className="track" data-testid="track" data-status={data?.status ?? ''}>
      <CitizenHeader />
      {error === 'not_found' && <p className="track-card" role="alert" data-testid="track-not-found">{t('track.notFound')}</p>}
      {error === 'network' && <p className="track-offline" role="status">{t('track.offline')}</p>}
      {data && (
        <>
          <section className={`track-card ${yourTurn ? 'your-turn' : ''}`} aria-live="polite">
            <p className="muted">{f.name(data.service)}</p>
            <p className="track-number ticket-no" data-testid="track-number">{f.ticket(data.number)}</p>
            {yourTurn && data.counter ? (
              <p className="track-turn" data-testid="track-your-turn">{t('track.yourTurn', { n: f.n(data.counter.number), name: f.name(data.counter.name) })}</p>
            ) : (
              <p className="track-status" data-testid="track-status">{t(`track.status.${data.status}`)}</p>
            )}
          </section>
          {data.status === 'waiting' && (
            <section className="track-card track-facts">
              {data.position !== undefined && (
                <div>
                  <span className="track-big" data-testid="track-position">{f.n(data.position)}</span>
                  <span className="muted">{t('track.ahead', { count: Math.max(0, data.position - 1), n: f.n(Math.max(0, data.position - 1)) })}</span>
                </div>
              )}
              {data.expectedWait && (
                <div>
                  <span className="track-big" data-testid="track-wait">{t('track.range', { min: f.n(data.expectedWait.minMinutes), max: f.n(data.expectedWait.maxMinutes) })}</span>
                  <span className="muted">{t('track.minutesExpected', { count: data.expectedWait.maxMinutes })}</span>
                </div>
              )}
            </section>
          )}
          {data.status === 'waiting' && <NotifyPanel code={code} />}
          {data.status === 'done' && (
            <section className="track-card">
              <RatingForm code={code} />
            </section>
          )}
          <p className="muted small center">{t('track.issuedAt', { time: f.time(data.issuedAt) })} · {t('track.autoRefresh')}</p>
        </>
      )}
      <FeedbackLink code={data ? code : undefined} />
    </main>
  );
}
