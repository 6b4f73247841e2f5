// The day's headline numbers for the whole hall.
import { useTranslation } from 'react-i18next';
import type { LiveStats } from '../../shared/protocol/http.ts';
import { useFormat } from '../i18n/use-format.ts';

export function KpiCards({ overall }: { overall: LiveStats['overall'] }) {
  const { t } = useTranslation();
  const f = useFormat();
  const min = (x: number | null) => (x === null ? '—' : f.n(x, 1));
  const items: { key: string; value: string; testId: string }[] = [
    { key: 'waiting', value: f.n(overall.waiting), testId: 'kpi-waiting' },
    { key: 'longestWait', value: min(overall.longestWaitMinutes), testId: 'kpi-longest' },
    { key: 'avgWait', value: min(overall.avgWaitMinutes), testId: 'kpi-avg-wait' },
    { key: 'avgService', value: min(overall.avgServiceMinutes), testId: 'kpi-avg-service' },
    { key: 'served', value: f.n(overall.served), testId: 'kpi-served' },
    { key: 'noShows', value: f.n(overall.noShows), testId: 'kpi-no-shows' },
    { key: 'serviceLevel', value: overall.serviceLevel === null ? '—' : f.pct(overall.serviceLevel), testId: 'kpi-service-level' },
    { key: 'rating', value: overall.avgRating === null ? '—' : f.n(overall.avgRating, 1), testId: 'kpi-rating' },
  ];
  return (
    <section aria-labelledby="kpi-title">
      <h2 id="kpi-title" className="sr-only">{t('dashboard.overall')}</h2>
      <KpiTiles items={items} labels="dashboard.kpi" />
    </section>
  );
}

/** A row of headline numbers, each labelled by the i18n key `<labels>.<key>`. */
export function KpiTiles({ items, labels }: { items: { key: string; value: string; testId: string; vars?: Record<string, string> }[]; labels: string }) {
  const { t } = useTranslation();
  return (
    <div className="kpis">
      {items.map((i) => (
        <div className="kpi" key={i.key}>
          <span className="kpi-value" data-testid={i.testId}>{i.value}</span>
          <span className="kpi-label">{t(`${labels}.${i.key}`, i.vars ?? {})}</span>
        </div>
      ))}
    </div>
  );
}
