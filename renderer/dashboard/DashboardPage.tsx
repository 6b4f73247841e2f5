// Supervisors and managers: live KPIs, alerts when a service passes its target wait (by how much),
// counters with their clerks, the waiting tickets, each clerk's day, device health, the link to
// central, and the day in two charts. A supervisor (or admin) also acts from here: opens a counter
// for a clerk, ends a break, closes a counter, moves or cancels a waiting ticket; a manager watches.
import { useEffect, useMemo, useState } from 'react';
import type { ClerkEntry } from '../../shared/protocol/http.ts';
import { useHub } from '../shell/app-context.tsx';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { TopBar } from '../shell/TopBar.tsx';
import { useHall } from '../store/hall-store.ts';
import { useFormat } from '../i18n/use-format.ts';
import { useLiveStats } from './use-live-stats.ts';
import { KpiCards } from './KpiCards.tsx';
import { ServiceTable } from './ServiceTable.tsx';
import { CountersPanel, DevicesPanel } from './CountersPanel.tsx';
import { WaitingPanel } from './WaitingPanel.tsx';
import { ClerksPanel } from './ClerksPanel.tsx';
import { useDashboardActions } from './use-dashboard-actions.ts';
import { useSession } from '../store/session-store.ts';
import { useNow } from '../shell/use-now.ts';
import { Charts } from './Charts.tsx';
import { CentralStatus } from './CentralStatus.tsx';
import { HallComputer, SystemAlarms, useSystemStatus } from './SystemAlarms.tsx';
import { FeedbackKpis } from '../feedback/FeedbackKpis.tsx';
import type { DeviceHealthEntry } from '../store/apply-event.ts';
import '../styles/dashboard.css';
import '../styles/staff.css';

export function DashboardPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const { stats, error } = useLiveStats();
  const services = useHall((s) => s.services);
  const counters = useHall((s) => s.counters);
  const ticketMap = useHall((s) => s.tickets);
  const system = useSystemStatus();
  const streamDevices = useHall((s) => s.devices);
  const tickets = useMemo(() => Object.values(ticketMap), [ticketMap]);
  const role = useSession((s) => s.staff?.user.role);
  const acts = useDashboardActions();
  const actions = role === 'supervisor' || role === 'admin' ? acts : undefined;
  const now = useNow(15_000);
  // Staff names by id: every clerk (GET /staff/clerks, once), and whoever the day's figures name.
  const hub = useHub();
  const [roster, setRoster] = useState<ClerkEntry[]>([]);
  useEffect(() => {
    hub.get<ClerkEntry[]>('/api/v1/staff/clerks').then(setRoster, () => setRoster([]));
  }, [hub]);
  const names = useMemo(
    () => new Map([...roster.map((c) => [c.id, c.name] as const), ...(stats?.clerks ?? []).filter((c) => c.name).map((c) => [c.clerkId, c.name!] as const)]),
    [roster, stats],
  );
  const devices = useMemo(() => {
    const all = new Map<string, DeviceHealthEntry>();
    // The stations' names come with the stats; a newer report from the stream keeps its station's name.
    const named = new Map((stats?.devices ?? []).filter((d) => d.name).map((d) => [d.deviceId, d.name!]));
    for (const d of [...(stats?.devices ?? []), ...streamDevices]) {
      const k = `${d.deviceId}-${d.device}`;
      const prev = all.get(k);
      const name = d.name ?? named.get(d.deviceId);
      if (!prev || prev.at <= d.at) all.set(k, { ...d, ...(name ? { name } : {}) });
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
              // Whole minutes: a breach is a wait over the target, so the longest rounds up and the excess is at least one.
              const longest = Math.ceil(a.longestWaitMinutes);
              const over = Math.max(1, longest - a.targetWaitMinutes);
              const min = (n: number) => t('common.minutes', { count: n, n: f.n(n) });
              return (
                <p key={a.serviceId} className="alert-item" data-testid={`alert-${a.serviceId}`}>
                  {t('staffScreens.dashboard.alert', { service: svc ? f.name(svc.name) : a.serviceId, longest: min(longest), over: min(over), target: min(a.targetWaitMinutes) })}
                </p>
              );
            })}
          </section>
        )}
        {acts.message && (
          <p className={`dash-message ${acts.message.kind === 'error' ? 'error' : 'status-line'}`} role={acts.message.kind === 'error' ? 'alert' : 'status'} data-testid="dash-message">
            {acts.message.text}
          </p>
        )}
        {stats ? <KpiCards overall={stats.overall} /> : !error && <p className="muted">{t('shell.connecting')}</p>}
        <SystemAlarms status={system} />
        <CentralStatus />
        <FeedbackKpis />
        <div className="dash-grid">
          {stats && <ServiceTable stats={stats} services={services} />}
          <CountersPanel counters={counters.length ? counters : (stats?.counters ?? [])} tickets={ticketMap} names={names} {...(actions ? { actions } : {})} />
        </div>
        <div className="dash-grid even">
          <WaitingPanel tickets={tickets} services={services} counters={counters} names={names} now={now} {...(actions ? { actions } : {})} />
          <ClerksPanel clerks={stats?.clerks ?? []} counters={counters} />
        </div>
        <Charts tickets={tickets} services={services} stats={stats} />
        <DevicesPanel devices={devices} />
        <HallComputer status={system} />
      </main>
    </div>
  );
}
