// Waiting time by hour and tickets by service (recharts), mirrored for right-to-left.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { Service, Ticket } from '../../shared/protocol/entities.ts';
import type { LiveStats } from '../../shared/protocol/http.ts';
import { useFormat } from '../i18n/use-format.ts';
import { ticketsByService, waitByHour } from './chart-data.ts';

export function Charts({ tickets, services, stats }: { tickets: Ticket[]; services: Service[]; stats: LiveStats | null }) {
  const { t } = useTranslation();
  const f = useFormat();
  const rtl = f.lang === 'ar';
  const hours = useMemo(() => waitByHour(tickets, f.timeZone), [tickets, f.timeZone]);
  const bySvc = useMemo(() => ticketsByService(stats?.services ?? [], services, f.lang), [stats, services, f.lang]);
  const num = (v: unknown) => (typeof v === 'number' ? f.n(v, 1) : String(v));
  return (
    <div className="charts">
      <section className="card" aria-labelledby="chart-hour">
        <h2 id="chart-hour">{t('dashboard.waitByHour')}</h2>
        <div className="chart-box" data-testid="chart-wait-by-hour" role="img" aria-label={t('dashboard.waitByHourAria')}>
          {hours.length === 0 ? (
            <p className="muted">{t('dashboard.noData')}</p>
          ) : (
            <ResponsiveContainer width="100%" height={260}>
              <LineChart data={hours} margin={{ top: 10, right: 20, left: 20, bottom: 10 }}>
                <CartesianGrid strokeDasharray="3 3" />
                <XAxis dataKey="hour" reversed={rtl} tickFormatter={(h: number) => f.n(h) + ':00'} />
                <YAxis orientation={rtl ? 'right' : 'left'} tickFormatter={num} allowDecimals={false} />
                <Tooltip formatter={(v) => num(v)} labelFormatter={(h) => f.n(Number(h)) + ':00'} />
                <Legend />
                <Line type="monotone" dataKey="avgWait" name={t('dashboard.avgWaitMin')} stroke="#0b5d4b" strokeWidth={3} isAnimationActive={false} />
                <Line type="monotone" dataKey="issued" name={t('dashboard.issued')} stroke="#b8860b" strokeWidth={2} isAnimationActive={false} />
              </LineChart>
            </ResponsiveContainer>
          )}
        </div>
      </section>
      <section className="card" aria-labelledby="chart-svc">
        <h2 id="chart-svc">{t('dashboard.byService')}</h2>
        <div className="chart-box" data-testid="chart-by-service" role="img" aria-label={t('dashboard.byServiceAria')}>
          {bySvc.length === 0 ? (
            <p className="muted">{t('dashboard.noData')}</p>
          ) : (
            <ResponsiveContainer width="100%" height={260}>
              <BarChart data={bySvc} margin={{ top: 10, right: 20, left: 20, bottom: 10 }}>
                <CartesianGrid strokeDasharray="3 3" />
                <XAxis dataKey="label" reversed={rtl} interval={0} tick={{ fontSize: 11 }} />
                <YAxis orientation={rtl ? 'right' : 'left'} allowDecimals={false} tickFormatter={num} />
                <Tooltip formatter={(v) => num(v)} />
                <Legend />
                <Bar dataKey="served" stackId="a" name={t('dashboard.kpi.served')} fill="#0b5d4b" isAnimationActive={false} />
                <Bar dataKey="waiting" stackId="a" name={t('dashboard.kpi.waiting')} fill="#b8860b" isAnimationActive={false} />
                <Bar dataKey="other" stackId="a" name={t('dashboard.kpi.noShows')} fill="#8a9a9f" isAnimationActive={false} />
              </BarChart>
            </ResponsiveContainer>
          )}
        </div>
      </section>
    </div>
  );
}
