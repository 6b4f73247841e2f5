// Today at this counter: served count and average service time.
import { useTranslation } from 'react-i18next';
import type { HallTicket } from '../store/apply-event.ts';
import { useFormat } from '../i18n/use-format.ts';
import { minutesBetween } from '../i18n/format.ts';

export function myDay(tickets: HallTicket[], counterId: string): { served: number; avgMinutes: number | null } {
  const done = tickets.filter((t) => t.status === 'done' && t.counterId === counterId);
  const timed = done.filter((t) => t.startedAt && t.finishedAt);
  const avg = timed.length ? timed.reduce((a, t) => a + minutesBetween(t.startedAt!, t.finishedAt!), 0) / timed.length : null;
  return { served: done.length, avgMinutes: avg };
}

export function MyDay({ tickets, counterId }: { tickets: HallTicket[]; counterId: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  const d = myDay(tickets, counterId);
  return (
    <section className="card my-day" aria-labelledby="myday-title" data-testid="my-day">
      <h2 id="myday-title">{t('counter.myDay')}</h2>
      <div className="kpis small-kpis">
        <div className="kpi"><span className="kpi-value" data-testid="my-served">{f.n(d.served)}</span><span className="kpi-label">{t('counter.served')}</span></div>
        <div className="kpi"><span className="kpi-value">{d.avgMinutes === null ? '—' : f.n(d.avgMinutes, 1)}</span><span className="kpi-label">{t('counter.avgService')}</span></div>
      </div>
    </section>
  );
}
