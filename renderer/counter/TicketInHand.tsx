// The ticket called to or served at this counter, with what the clerk may know about it: a running
// timer (since the call while the citizen walks up, then the time serving), and the note a clerk
// who transferred it left for this one.
import { useTranslation } from 'react-i18next';
import type { Service, Ticket } from '../../shared/protocol/entities.ts';
import { useFormat } from '../i18n/use-format.ts';
import { minutesBetween } from '../../shared/i18n/format.ts';
import { useNow } from '../shell/use-now.ts';
import { useHall } from '../store/hall-store.ts';
import { counterLabel } from './counter-label.ts';

export function TicketInHand({ ticket, service, services, now }: { ticket: Ticket | undefined; service: Service | undefined; services: Service[]; now: number }) {
  const { t } = useTranslation();
  const f = useFormat();
  const counters = useHall((s) => s.counters);
  if (!ticket) {
    return (
      <section className="card in-hand empty" data-testid="in-hand" data-status="none" aria-live="polite">
        <p className="muted">{t('counter.noTicket')}</p>
      </section>
    );
  }
  const waited = minutesBetween(ticket.issuedAt, ticket.calledAt ?? now);
  // Where it came from, when another counter sent it here.
  const sentFrom = ticket.sentFromCounterId ? counters.find((c) => c.id === ticket.sentFromCounterId) : undefined;
  return (
    <section className="card in-hand" data-testid="in-hand" data-status={ticket.status} aria-live="polite">
      <div className="row">
        <span className="in-hand-number ticket-no" data-testid="in-hand-number">{f.ticket(ticket.number)}</span>
        <span className={`badge ${ticket.status === 'serving' ? 'ok' : 'warn'}`} data-testid="in-hand-status">{t(`status.${ticket.status}`)}</span>
        {ticket.priority !== 'none' && <span className="badge bad">{t(`priority.${ticket.priority}`)}</span>}
        {ticket.identityVerified && <span className="badge ok">{t('counter.idVerified')}</span>}
        <ServiceTimer ticket={ticket} />
      </div>
      <dl className="facts">
        <div><dt>{t('counter.service')}</dt><dd>{service ? f.name(service.name) : ticket.serviceId}</dd></div>
        <div><dt>{t('counter.issuedAt')}</dt><dd>{f.time(ticket.issuedAt)}</dd></div>
        <div><dt>{t('counter.waited')}</dt><dd>{t('common.minutes', { count: Math.round(waited), n: f.n(Math.round(waited)) })}</dd></div>
        {ticket.recalls > 0 && <div><dt>{t('counter.recalls')}</dt><dd>{f.n(ticket.recalls)}</dd></div>}
        {ticket.transferredFrom.length > 0 && (
          <div><dt>{t('counter.transferredFrom')}</dt><dd>{ticket.transferredFrom.map((id) => services.find((s) => s.id === id)).map((s, i) => (s ? f.name(s.name) : ticket.transferredFrom[i])).join('، ')}</dd></div>
        )}
        {sentFrom && <div data-testid="in-hand-sent-from"><dt>{t('staffScreens.counter.sentFrom')}</dt><dd>{counterLabel(t, f, sentFrom)}</dd></div>}
        <div><dt>{t('counter.citizenLang')}</dt><dd>{t(`langName.${ticket.lang}`)}</dd></div>
      </dl>
      {ticket.transferNote && (
        <div className="transfer-note" data-testid="in-hand-note">
          <strong>{t('staffScreens.counter.noteFromPrevious')}</strong>
          <p dir="auto">{ticket.transferNote}</p>
        </div>
      )}
    </section>
  );
}

/**
 * How long this citizen has had the counter: since the call while they walk up (a long one says
 * recall or no-show), then since the start of service. Ticks every second in the hall's digits;
 * a timer role, so a screen reader reads it when asked, not every second.
 */
function ServiceTimer({ ticket }: { ticket: Ticket }) {
  const { t } = useTranslation();
  const f = useFormat();
  const now = useNow(1000);
  const serving = ticket.status === 'serving' && ticket.startedAt !== undefined;
  const from = serving ? ticket.startedAt : ticket.calledAt;
  if (!from) return null;
  return (
    <div className={`service-timer ${serving ? 'serving' : 'called'}`} role="timer" data-testid="in-hand-timer">
      <span className="timer-label">{t(serving ? 'staffScreens.counter.servingFor' : 'staffScreens.counter.sinceCalled')}</span>
      <span className="timer-value" dir="ltr" data-testid="in-hand-timer-value">{f.duration(now - Date.parse(from))}</span>
      {serving && ticket.calledAt && <span className="timer-sub">{t('staffScreens.counter.calledAt', { time: f.time(ticket.calledAt) })}</span>}
    </div>
  );
}
