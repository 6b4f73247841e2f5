// The citizen's phone (QR on the ticket): how many are ahead, the expected wait (or that no
// counter is open for the service now), a transfer explained, "leave the queue", and "your turn:
// counter N" — with a beep and a vibration when the call comes while the page is open.
// Nothing personal is shown or asked.
import { useEffect, useRef, useState } from 'react';
import { Navigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useTrack } from './use-track.ts';
import { useFormat } from '../i18n/use-format.ts';
import { CitizenHeader } from '../shell/CitizenHeader.tsx';
import { RatingForm } from './RatingForm.tsx';
import { NotifyPanel } from './NotifyPanel.tsx';
import { LeaveQueue } from './LeaveQueue.tsx';
import { TurnAlert } from './turn-alert.ts';
import { lastTrack, registerServiceWorker, rememberTrack } from './web-push.ts';
import { FeedbackLink } from '../feedback/FeedbackLink.tsx';
import { waitText } from '../../shared/ticket/ticket-labels.ts';
import type { TicketStatus } from '../../shared/protocol/entities.ts';
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
  const { data, error, replace } = useTrack(code);
  const [left, setLeft] = useState(false);
  const yourTurn = data && (data.status === 'called' || data.status === 'serving') && data.counter;
  useEffect(() => {
    if (!code) return;
    rememberTrack(code);
    void registerServiceWorker();
  }, [code]);

  // The call while the page is open: beep and vibrate once per call, a recall included (not when
  // the page opens on a ticket already called).
  const alert = useRef<TurnAlert | null>(null);
  alert.current ??= new TurnAlert();
  const seen = useRef<{ status: TicketStatus; calls: number } | null>(null);
  useEffect(() => {
    if (!data) return;
    const calls = data.calls ?? 0;
    const before = seen.current;
    if (data.status === 'called' && before !== null && (before.status !== 'called' || calls > before.calls)) alert.current?.ring();
    seen.current = { status: data.status, calls };
  }, [data]);

  const ahead = data?.position !== undefined ? Math.max(0, data.position - 1) : undefined;
  const noCounterOpen = data?.countersOpen === 0;
  return (
    // Any touch readies the alert's sound (phones play sound only after one).
    <main className="track" data-testid="track" data-status={data?.status ?? ''} onPointerDown={() => alert.current?.ready()}>
      <CitizenHeader />
      {error === 'not_found' && <p className="track-card" role="alert" data-testid="track-not-found">{t('track.notFound')}</p>}
      {error === 'network' && <p className="track-offline" role="status">{t('track.offline')}</p>}
      {data && (
        <>
          <section className={`track-card ${yourTurn ? 'your-turn' : ''}`} aria-live="polite">
            <p className={yourTurn ? '' : 'muted'}>{f.name(data.service)}</p>
            <p className="track-number ticket-no" data-testid="track-number">{f.ticket(data.number)}</p>
            {yourTurn && data.counter ? (
              <p className="track-turn" data-testid="track-your-turn">{t('track.yourTurn', { n: f.n(data.counter.number), name: f.name(data.counter.name) })}</p>
            ) : (
              <p className="track-status" data-testid="track-status">{left && data.status === 'cancelled' ? t('trackLeave.done') : t(`track.status.${data.status}`)}</p>
            )}
          </section>
          {data.transferredFrom && data.status === 'waiting' && (
            <section className="track-card track-transferred" data-testid="track-transferred">
              <h2>{t('trackTransfer.title')}</h2>
              <p>{t('trackTransfer.text', { from: f.name(data.transferredFrom), to: f.name(data.service) })}</p>
              <p className="track-keep">{t('trackTransfer.sameNumber', { number: f.ticket(data.number) })}</p>
            </section>
          )}
          {data.status === 'waiting' && (
            <section className="track-card track-facts">
              {ahead !== undefined && (
                <div className="track-ahead" data-testid="track-ahead" data-ahead={ahead}>
                  {ahead === 0 ? (
                    <span className="track-big">{t('trackAhead.next')}</span>
                  ) : (
                    <>
                      <span className="track-huge num">{f.n(ahead)}</span>
                      <span className="track-label">{t('trackAhead.label', { count: ahead })}</span>
                    </>
                  )}
                </div>
              )}
              {noCounterOpen ? (
                <p className="track-closed" data-testid="track-wait" data-open="none">{t('trackAhead.noCounterOpen')}</p>
              ) : (
                data.expectedWait && (
                  <p className="track-wait" data-testid="track-wait" data-open="open">
                    <span className="muted">{t('trackAhead.expectedWait')}</span>{' '}
                    <strong>{waitText(data.expectedWait.minMinutes, data.expectedWait.maxMinutes, f.lang === 'ar' ? f.digits : 'latn')[f.lang]}</strong>
                  </p>
                )
              )}
            </section>
          )}
          {data.status === 'waiting' && <p className="muted small center" data-testid="track-alert-hint">{t('trackAhead.alertHint')}</p>}
          {data.status === 'waiting' && <NotifyPanel code={code} />}
          {data.status === 'waiting' && (
            <LeaveQueue
              code={code}
              number={f.ticket(data.number)}
              onLeft={(r) => {
                setLeft(true);
                replace(r);
              }}
            />
          )}
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
