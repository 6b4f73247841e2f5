// Supervisors and managers: live KPIs, alerts when a service passes its target wait, counters,
// device health, the link to central, and the day in two charts.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { TopBar } from '../shell/TopBar.tsx';
import { useHall } from '../store/hall-store.ts';
import { useFormat } from '../i18n/use-format.ts';
import { useLiveStats } from './use-live-stats.ts';
import { KpiCards } from './KpiCards.tsx';
import { ServiceTable } from './ServiceTable.tsx';
import { CountersPanel, DevicesPanel } from './CountersPanel.tsx';
import { Charts } from './Charts.tsx';
import { CentralStatus } from './CentralStatus.tsx';
import { FeedbackKpis } from '../feedback/FeedbackKpis.tsx';
import type { DeviceHealthEntry } from '../store/apply-event.ts';
import '../styles/dashboard.css';

export function DashboardPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const { stats, error } = useLiveStats();
  const services = useHall((s) => s.services);
  const counters = useHall((s) => s.counters);
  const ticketMap = useHall((s) => s.tickets);
  const streamDevices = useHall((s) => s.devices);
  const tickets = useMemo(() => Object.values(ticketMap), [ticketMap]);
  const devices = useMemo(() => {
    const all = new Map<string, DeviceHealthEntry>();
    for (const d of [...(stats?.devices ?? []), ...streamDevices]) {
      const k = `${d.deviceId}-${d.device}`;
      const prev = all.get(k);
      if (!prev || prev.at <= d.at) all.set(k, d);
    }
    return [...all.values()];
  }, [stats, streamDevices]);

  return (
    <div data-testid="dashboard">
      <TopBar title={t('screens.dashboard.title')}>
        <Link to="/reports" className="btn-quiet" data-testid="open-reports">{t('reports.open')}</Link>
        <Link to="/plan" className="btn-quiet" data-testid="open-plan">{t('plan.open')}</Link>
      </TopBar>
      <main className="page dashboard">
        {error && !stats && <p className="error" role="alert">{t('dashboard.statsError', { code: error })}</p>}
        {stats && stats.alerts.length > 0 && (
          <section className="alerts" role="alert" data-testid="alerts">
            {stats.alerts.map((a) => {
              const svc = services.find((s) => s.id === a.serviceId);
              return (
                <p key={a.serviceId} className="alert-item">
                  {t('dashboard.alert', { service: svc ? f.name(svc.name) : a.serviceId, longest: f.n(a.longestWaitMinutes), target: f.n(a.targetWaitMinutes) })}
                </p>
              );
            })}
          </section>
        )}
        {stats ? <KpiCards overall={stats.overall} /> : !error && <p className="muted">{t('shell.connecting')}</p>}
        <CentralStatus />
        <FeedbackKpis />
        <div className="dash-grid">
          {stats && <ServiceTable stats={stats} services={services} />}
          <CountersPanel counters={counters.length ? counters : (stats?.counters ?? [])} tickets={ticketMap} />
        </div>
        <Charts tickets={tickets} services={services} stats={stats} />
        <DevicesPanel devices={devices} />
      </main>
    </div>
  );
}
