// The dashboard's card of suggestions and complaints: open now, new today, median time to close
// (GET /api/v1/feedback/summary, refreshed each minute), and the way to the inbox.
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useHub } from '../shell/app-context.tsx';
import { useFormat } from '../i18n/use-format.ts';
import { KpiTiles } from '../dashboard/KpiCards.tsx';
import type { FeedbackSummary } from '../../shared/protocol/feedback.ts';

const EVERY_MS = 60_000;

export function FeedbackKpis() {
  const { t } = useTranslation();
  const f = useFormat();
  const hub = useHub();
  const [s, setS] = useState<FeedbackSummary | null>(null);
  useEffect(() => {
    let live = true;
    const load = () => hub.get<FeedbackSummary>('/api/v1/feedback/summary').then((r) => live && setS(r), () => undefined);
    void load();
    const timer = setInterval(load, EVERY_MS);
    return () => { live = false; clearInterval(timer); };
  }, [hub]);
  if (!s) return null;
  const items = [
    { key: 'open', value: f.n(s.open + s.inProgress + s.answered), testId: 'kpi-feedback-open' },
    { key: 'newToday', value: f.n(s.newToday), testId: 'kpi-feedback-new' },
    { key: 'medianClose', value: s.medianHoursToClose === null ? '—' : f.n(s.medianHoursToClose, 1), testId: 'kpi-feedback-median', vars: { days: f.n(30) } },
    { key: 'closed30', value: f.n(s.closedLast30Days), testId: 'kpi-feedback-closed', vars: { days: f.n(30) } },
  ];
  const overdue = s.overdue > 0;
  return (
    <section className="card feedback-kpis" aria-labelledby="feedback-kpi-title" data-testid="feedback-kpis">
      <div className="feedback-kpis-head">
        <h2 id="feedback-kpi-title">{t('feedback.kpi.title')}</h2>
        <Link to="/feedback-inbox" data-testid="open-feedback-inbox">{t('feedback.inbox.open')}</Link>
      </div>
      <KpiTiles items={items} labels="feedback.kpi" />
      <p className={overdue ? 'error' : 'muted small'} role={overdue ? 'alert' : undefined} data-testid="kpi-feedback-overdue" data-overdue={s.overdue}>
        {overdue ? t('feedback.kpi.overdue', { count: s.overdue, n: f.n(s.overdue), days: f.n(s.deadlineWorkingDays) }) : t('feedback.kpi.noneOverdue', { days: f.n(s.deadlineWorkingDays) })}
      </p>
    </section>
  );
}
