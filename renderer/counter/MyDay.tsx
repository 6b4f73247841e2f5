// Today at this counter: served count and average service time.
import { useTranslation } from 'react-i18next';
import type { HallState } from '../store/apply-event.ts';
import { useHall } from '../store/hall-store.ts';
import { useFormat } from '../i18n/use-format.ts';

/** Served today at this counter and the mean service time, from the hub's per-counter figures. */
export function myDay(counterDay: HallState['counterDay'], counterId: string): { served: number; avgMinutes: number | null } {
  const d = counterDay[counterId];
  if (!d) return { served: 0, avgMinutes: null };
  return { served: d.served, avgMinutes: d.timed ? d.serviceMs / d.timed / 60_000 : null };
}

export function MyDay({ counterId }: { counterId: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  const d = myDay(useHall((s) => s.counterDay), counterId);
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
