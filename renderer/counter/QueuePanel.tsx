// Who waits for this counter, in call order, with waiting times against the target: the tickets of
// its services, and those sent to this counter or to its clerk (shared/domain/routing.ts
// `callableAt`) — not those sent to another counter or clerk. A ticket of its services can be
// cancelled when the citizen has left (after a confirmation).
import { useTranslation } from 'react-i18next';
import type { Counter, Service, Ticket } from '../../shared/protocol/entities.ts';
import type { QueueResponse } from '../../shared/protocol/http.ts';
import { callableAt } from '../../shared/domain/routing.ts';
import { useFormat } from '../i18n/use-format.ts';
import { minutesBetween } from '../../shared/i18n/format.ts';

export function QueuePanel({ queue, counter, services, now, canCancel, onCancel }: {
  queue: QueueResponse | null;
  counter: Counter;
  services: Service[];
  now: number;
  canCancel: boolean;
  onCancel: (t: Ticket) => void;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const mine = new Set(counter.serviceIds);
  const point = { counterId: counter.id, ...(counter.clerkId ? { clerkId: counter.clerkId } : {}), serviceIds: mine };
  const tickets = (queue?.tickets ?? []).filter((x) => x.status === 'waiting' && callableAt(x, point));
  const perService = (queue?.services ?? []).filter((s) => mine.has(s.serviceId));
  return (
    <section className="card queue" aria-labelledby="queue-title" data-testid="queue-panel">
      <h2 id="queue-title">{t('counter.queue', { count: tickets.length, n: f.n(tickets.length) })}</h2>
      <ul className="chips">
        {perService.map((s) => {
          const svc = services.find((x) => x.id === s.serviceId);
          return (
            <li key={s.serviceId} className="chip" data-testid={`queue-service-${s.serviceId}`}>
              <strong>{svc ? `${svc.prefix} · ${f.name(svc.name)}` : s.serviceId}</strong> {f.n(s.waiting)}
            </li>
          );
        })}
      </ul>
      {tickets.length === 0 ? (
        <p className="muted">{t('counter.queueEmpty')}</p>
      ) : (
        <table className="data">
          <thead>
            <tr>
              <th>{t('counter.number')}</th><th>{t('counter.service')}</th><th>{t('counter.waiting')}</th>
              <th><span className="sr-only">{t('staffScreens.waitingActions')}</span></th>
            </tr>
          </thead>
          <tbody>
            {tickets.slice(0, 30).map((x) => {
              const svc = services.find((s) => s.id === x.serviceId);
              const w = Math.round(minutesBetween(x.issuedAt, now));
              const late = svc ? w > svc.targetWaitMinutes : false;
              const reserved = x.targetCounterId !== undefined ? 'reservedHere' : x.targetClerkId !== undefined ? 'reservedYou' : undefined;
              return (
                <tr key={x.id} data-testid="queue-row" data-number={x.number}>
                  <td>
                    <span className="ticket-no">{f.ticket(x.number)}</span>{' '}
                    {x.priority !== 'none' && <span className="badge bad small">{t(`priority.${x.priority}`)}</span>}
                    {reserved && <span className="badge warn small" data-testid="queue-reserved">{t(`staffScreens.counter.${reserved}`)}</span>}
                  </td>
                  <td>{svc ? f.name(svc.name) : x.serviceId}</td>
                  <td className={late ? 'late' : ''}>{t('common.minutes', { count: w, n: f.n(w) })}</td>
                  <td>
                    {mine.has(x.serviceId) && (
                      <button type="button" className="btn-quiet small" disabled={!canCancel} onClick={() => onCancel(x)} aria-label={t('staffScreens.counter.cancel.aria', { number: x.number })} data-testid={`queue-cancel-${x.number}`}>
                        {t('staffScreens.counter.cancel.button')}
                      </button>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
