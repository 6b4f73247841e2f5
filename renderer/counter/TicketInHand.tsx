// The ticket called to or served at this counter, with what the clerk may know about it.
import { useTranslation } from 'react-i18next';
import type { Service, Ticket } from '../../shared/protocol/entities.ts';
import { useFormat } from '../i18n/use-format.ts';
import { minutesBetween } from '../i18n/format.ts';

export function TicketInHand({ ticket, service, services, now }: { ticket: Ticket | undefined; service: Service | undefined; services: Service[]; now: number }) {
  const { t } = useTranslation();
  const f = useFormat();
  if (!ticket) {
    return (
      <section className="card in-hand empty" data-testid="in-hand" data-status="none" aria-live="polite">
        <p className="muted">{t('counter.noTicket')}</p>
      </section>
    );
  }
  const waited = minutesBetween(ticket.issuedAt, ticket.calledAt ?? now);
  return (
    <section className="card in-hand" data-testid="in-hand" data-status={ticket.status} aria-live="polite">
      <div className="row">
        <span className="in-hand-number ticket-no" data-testid="in-hand-number">{f.ticket(ticket.number)}</span>
        <span className={`badge ${ticket.status === 'serving' ? 'ok' : 'warn'}`} data-testid="in-hand-status">{t(`status.${ticket.status}`)}</span>
        {ticket.priority !== 'none' && <span className="badge bad">{t(`priority.${ticket.priority}`)}</span>}
        {ticket.identityVerified && <span className="badge ok">{t('counter.idVerified')}</span>}
      </div>
      <dl className="facts">
        <div><dt>{t('counter.service')}</dt><dd>{service ? f.name(service.name) : ticket.serviceId}</dd></div>
        <div><dt>{t('counter.issuedAt')}</dt><dd>{f.time(ticket.issuedAt)}</dd></div>
        <div><dt>{t('counter.waited')}</dt><dd>{t('common.minutes', { count: Math.round(waited), n: f.n(Math.round(waited)) })}</dd></div>
        {ticket.recalls > 0 && <div><dt>{t('counter.recalls')}</dt><dd>{f.n(ticket.recalls)}</dd></div>}
        {ticket.transferredFrom.length > 0 && (
          <div><dt>{t('counter.transferredFrom')}</dt><dd>{ticket.transferredFrom.map((id) => services.find((s) => s.id === id)).map((s, i) => (s ? f.name(s.name) : ticket.transferredFrom[i])).join('، ')}</dd></div>
        )}
        <div><dt>{t('counter.citizenLang')}</dt><dd>{t(`langName.${ticket.lang}`)}</dd></div>
      </dl>
    </section>
  );
}
