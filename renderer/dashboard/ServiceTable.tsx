// Per-service KPIs against the service's target wait.
import { useTranslation } from 'react-i18next';
import type { LiveStats } from '../../shared/protocol/http.ts';
import type { Service } from '../../shared/protocol/entities.ts';
import { useFormat } from '../i18n/use-format.ts';

export function ServiceTable({ stats, services }: { stats: LiveStats; services: Service[] }) {
  const { t } = useTranslation();
  const f = useFormat();
  const min = (x: number | null) => (x === null ? '—' : f.n(x, 1));
  return (
    <section className="card" aria-labelledby="svc-title">
      <h2 id="svc-title">{t('dashboard.perService')}</h2>
      <div className="table-scroll">
        <table className="data" data-testid="service-stats">
          <thead>
            <tr>
              <th>{t('dashboard.service')}</th><th>{t('dashboard.kpi.waiting')}</th><th>{t('dashboard.kpi.longestWait')}</th><th>{t('dashboard.target')}</th>
              <th>{t('dashboard.kpi.avgWait')}</th><th>{t('dashboard.kpi.avgService')}</th><th>{t('dashboard.kpi.served')}</th><th>{t('dashboard.kpi.noShows')}</th><th>{t('dashboard.kpi.serviceLevel')}</th>
            </tr>
          </thead>
          <tbody>
            {stats.services.map((s) => {
              const svc = services.find((x) => x.id === s.serviceId);
              return (
                <tr key={s.serviceId} data-testid={`service-row-${s.serviceId}`} className={s.breached ? 'breached' : ''}>
                  <td>{svc ? `${svc.prefix} · ${f.name(svc.name)}` : s.serviceId} {s.breached && <span className="badge bad">{t('dashboard.breached')}</span>}</td>
                  <td data-testid="svc-waiting">{f.n(s.waiting)}</td>
                  <td>{min(s.longestWaitMinutes)}</td>
                  <td>{f.n(s.targetWaitMinutes)}</td>
                  <td>{min(s.avgWaitMinutes)}</td>
                  <td>{min(s.avgServiceMinutes)}</td>
                  <td data-testid="svc-served">{f.n(s.served)}</td>
                  <td data-testid="svc-no-shows">{f.n(s.noShows)}</td>
                  <td>{s.serviceLevel === null ? '—' : f.pct(s.serviceLevel)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <p className="muted small">{t('dashboard.minutesNote')}</p>
    </section>
  );
}
