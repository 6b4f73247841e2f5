// Waiting time by hour and tickets by service (recharts), mirrored for right-to-left.
import { useMemo, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { Service, Ticket } from '../../shared/protocol/entities.ts';
import type { LiveStats } from '../../shared/protocol/http.ts';
import { useFormat } from '../i18n/use-format.ts';
import { ticketsByService, waitByHour } from './chart-data.ts';

const MARGIN = { top: 10, right: 20, left: 20, bottom: 10 };

export function Charts({ tickets, services, stats }: { tickets: Ticket[]; services: Service[]; stats: LiveStats | null }) {
  const { t } = useTranslation();
  const f = useFormat();
  const rtl = f.lang === 'ar';
  const hours = useMemo(() => waitByHour(tickets, f.timeZone), [tickets, f.timeZone]);
  const bySvc = useMemo(() => ticketsByService(stats?.services ?? [], services, f.name), [stats, services, f.name]);
  const num = (v: unknown) => (typeof v === 'number' ? f.n(v, 1) : String(v));
  return (
    <div className="charts">
      <ChartCard id="chart-hour" title={t('dashboard.waitByHour')} testId="chart-wait-by-hour" label={t('dashboard.waitByHourAria')} empty={hours.length === 0}>
        <LineChart data={hours} margin={MARGIN}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="hour" reversed={rtl} tickFormatter={(h: number) => f.text(`${h}:00`)} />
          <YAxis orientation={rtl ? 'right' : 'left'} tickFormatter={num} allowDecimals={false} />
          <Tooltip formatter={(v) => num(v)} labelFormatter={(h) => f.n(Number(h)) + ':00'} />
          <Legend />
          <Line type="monotone" dataKey="avgWait" name={t('dashboard.avgWaitMin')} stroke="#0b5d4b" strokeWidth={3} isAnimationActive={false} />
          <Line type="monotone" dataKey="issued" name={t('dashboard.issued')} stroke="#b8860b" strokeWidth={2} isAnimationActive={false} />
        </LineChart>
      </ChartCard>
      <ChartCard id="chart-svc" title={t('dashboard.byService')} testId="chart-by-service" label={t('dashboard.byServiceAria')} empty={bySvc.length === 0}>
        <BarChart data={bySvc} margin={MARGIN}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="label" reversed={rtl} interval={0} tick={{ fontSize: 11 }} />
          <YAxis orientation={rtl ? 'right' : 'left'} allowDecimals={false} tickFormatter={num} />
          <Tooltip formatter={(v) => num(v)} />
          <Legend />
          <Bar dataKey="served" stackId="a" name={t('dashboard.kpi.served')} fill="#0b5d4b" isAnimationActive={false} />
          <Bar dataKey="waiting" stackId="a" name={t('dashboard.kpi.waiting')} fill="#b8860b" isAnimationActive={false} />
          <Bar dataKey="other" stackId="a" name={t('dashboard.kpi.noShows')} fill="#8a9a9f" isAnimationActive={false} />
        </BarChart>
      </ChartCard>
    </div>
  );
}

/** One chart in its card: a heading, an image role with its description, or "no data" when empty. */
function ChartCard({ id, title, testId, label, empty, children }: { id: string; title: string; testId: string; label: string; empty: boolean; children: ReactElement }) {
  const { t } = useTranslation();
  return (
    <section className="card" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      <div className="chart-box" data-testid={testId} role="img" aria-label={label}>
        {empty ? (
          <p className="muted">{t('dashboard.noData')}</p>
        ) : (
          <ResponsiveContainer width="100%" height={260}>
            {children}
          </ResponsiveContainer>
        )}
      </div>
    </section>
  );
}
