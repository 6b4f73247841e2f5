// Who waits for this counter's services, in call order, with waiting times against the target.
import { useTranslation } from 'react-i18next';
import type { Service } from '../../shared/protocol/entities.ts';
import type { QueueResponse } from '../../shared/protocol/http.ts';
import { useFormat } from '../i18n/use-format.ts';
import { minutesBetween } from '../i18n/format.ts';

export function QueuePanel({ queue, serviceIds, services, now }: { queue: QueueResponse | null; serviceIds: string[]; services: Service[]; now: number }) {
  const { t } = useTranslation();
  const f = useFormat();
  const mine = new Set(serviceIds);
  const tickets = (queue?.tickets ?? []).filter((x) => mine.has(x.serviceId) && x.status === 'waiting');
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
            <tr><th>{t('counter.number')}</th><th>{t('counter.service')}</th><th>{t('counter.waiting')}</th></tr>
          </thead>
          <tbody>
            {tickets.slice(0, 30).map((x) => {
              const svc = services.find((s) => s.id === x.serviceId);
              const w = Math.round(minutesBetween(x.issuedAt, now));
              const late = svc ? w > svc.targetWaitMinutes : false;
              return (
                <tr key={x.id} data-testid="queue-row">
                  <td><span className="ticket-no">{f.ticket(x.number)}</span> {x.priority !== 'none' && <span className="badge bad small">{t(`priority.${x.priority}`)}</span>}</td>
                  <td>{svc ? f.name(svc.name) : x.serviceId}</td>
                  <td className={late ? 'late' : ''}>{t('common.minutes', { count: w, n: f.n(w) })}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
