// Reports for supervisors and managers: pick a report, a range (presets or dates) and filters;
// see the key figures, charts and tables; download the same report as CSV, XLSX or PDF.
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { businessDay } from '../../shared/domain/business-day.ts';
import { MAX_REPORT_DAYS, rangeProblem } from '../../shared/protocol/reports.ts';
import { REPORTS, type ReportName } from '../../shared/reports/reports.ts';
import { TopBar } from '../shell/TopBar.tsx';
import { useHub } from '../shell/app-context.tsx';
import { useHall } from '../store/hall-store.ts';
import { useFormat } from '../i18n/use-format.ts';
import { PRESETS, type Preset, presetRange } from '../../shared/reports/periods.ts';
import { type ReportChoice, reportQuery, useReport } from './use-report.ts';
import { ReportCharts } from './ReportCharts.tsx';
import { ReportTables } from './ReportTables.tsx';
import '../styles/dashboard.css';
import '../styles/reports.css';
import { hubErrorText } from '../i18n/error-text.ts';
import { DateField } from '../ui/fields.tsx';
import { addDays } from '../../shared/domain/business-day.ts';

const KEYS = [
  ['issued', 'int'], ['served', 'int'], ['noShow', 'int'], ['waitMean', 'min'], ['waitP90', 'min'], ['serviceMean', 'min'], ['serviceLevel', 'pct'], ['ratingMean', 'rating'],
] as const;
/** Which way is better for a figure compared with the previous period (none: neither). */
const BETTER: Record<string, 'up' | 'down' | undefined> = { noShow: 'down', waitMean: 'down', waitP90: 'down', serviceLevel: 'up', ratingMean: 'up' };

/** The same number of days just before the range. */
function previousRange(from: string, to: string): { from: string; to: string } {
  const days = Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
  return { from: addDays(from, -days), to: addDays(from, -1) };
}

export function ReportsPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const hub = useHub();
  const services = useHall((s) => s.services);
  const counters = useHall((s) => s.counters);
  const today = businessDay(Date.now(), f.timeZone);
  const [choice, setChoice] = useState<ReportChoice>(() => ({ report: 'summary', ...presetRange('lastMonth', today), service: '', counter: '', clerk: '', period: 'week' }));
  const problem = rangeProblem(choice.from, choice.to);
  const { data, error, loading } = useReport(choice);
  // The previous period of the same length and filters, for the key figures' comparison.
  const prevRange = previousRange(choice.from, choice.to);
  const previous = useReport({ ...choice, report: 'summary', period: 'week', ...prevRange }).data;
  const [downloading, setDownloading] = useState<string | null>(null);
  const [downloadError, setDownloadError] = useState<string | null>(null);
  const clerks = useMemo(() => Object.entries(data?.labels.clerks ?? {}), [data]);
  const set = (patch: Partial<ReportChoice>) => setChoice((c) => ({ ...c, ...patch }));

  async function download(format: 'csv' | 'xlsx' | 'pdf') {
    setDownloading(format);
    setDownloadError(null);
    try {
      const { blob, filename } = await hub.download(reportQuery(choice, { format, lang: f.lang }));
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = filename;
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (err) {
      setDownloadError(hubErrorText(err));
    } finally {
      setDownloading(null);
    }
  }

  const key = data?.key;
  const show = (v: number | null, kind: string) => (v === null ? '—' : kind === 'pct' ? f.pct(v) : f.n(v, kind === 'int' ? 0 : 1));

  return (
    <div data-testid="reports">
      <TopBar title={t('reports.title')}>
        <Link to="/dashboard" className="btn-quiet">{t('reports.toDashboard')}</Link>
      </TopBar>
      <main className="page reports">
        <section className="card report-controls" aria-label={t('reports.choose')}>
          <div className="report-tabs" role="tablist" aria-label={t('reports.which')}>
            {REPORTS.map((r) => (
              <button key={r} type="button" role="tab" aria-selected={choice.report === r} className={choice.report === r ? 'tab active' : 'tab'} data-testid={`report-tab-${r}`} onClick={() => set({ report: r as ReportName })}>
                {t(`reports.names.${r}`)}
              </button>
            ))}
          </div>
          <div className="report-filters">
            <div className="presets" role="group" aria-label={t('reports.range')}>
              {PRESETS.map((p: Preset) => (
                <button key={p} type="button" className="btn-quiet" data-testid={`preset-${p}`} onClick={() => set(presetRange(p, today))}>{t(`reports.presets.${p}`)}</button>
              ))}
            </div>
            <label>{t('reports.from')} <DateField value={choice.from} max={today} data-testid="report-from" onChange={(v) => set({ from: v })} /></label>
            <label>{t('reports.to')} <DateField value={choice.to} max={today} data-testid="report-to" onChange={(v) => set({ to: v })} /></label>
            <label>{t('reports.service')}
              <select value={choice.service} data-testid="report-service" onChange={(e) => set({ service: e.target.value })}>
                <option value="">{t('reports.all')}</option>
                {services.map((s) => <option key={s.id} value={s.id}>{f.name(s.name)}</option>)}
              </select>
            </label>
            <label>{t('reports.counter')}
              <select value={choice.counter} data-testid="report-counter" onChange={(e) => set({ counter: e.target.value })}>
                <option value="">{t('reports.all')}</option>
                {counters.map((c) => <option key={c.id} value={c.id}>{f.name(c.name)}</option>)}
              </select>
            </label>
            <label>{t('reports.clerk')}
              <select value={choice.clerk} data-testid="report-clerk" onChange={(e) => set({ clerk: e.target.value })}>
                <option value="">{t('reports.all')}</option>
                {clerks.map(([id, name]) => <option key={id} value={id}>{f.text(name)}</option>)}
              </select>
            </label>
            {choice.report === 'trends' && (
              <label>{t('reports.period')}
                <select value={choice.period} data-testid="report-period" onChange={(e) => set({ period: e.target.value as 'week' | 'month' })}>
                  <option value="week">{t('reports.week')}</option>
                  <option value="month">{t('reports.month')}</option>
                </select>
              </label>
            )}
          </div>
          <div className="downloads" role="group" aria-label={t('reports.download')}>
            <span className="muted">{t('reports.download')}:</span>
            {(['csv', 'xlsx', 'pdf'] as const).map((fmt) => (
              <button key={fmt} type="button" className="btn" data-testid={`download-${fmt}`} disabled={downloading !== null || problem !== null} onClick={() => void download(fmt)}>
                {downloading === fmt ? t('reports.preparing') : t(`reports.formats.${fmt}`)}
              </button>
            ))}
          </div>
          {problem && <p className="error" role="alert">{t('reports.badRange', { max: f.n(MAX_REPORT_DAYS) })}</p>}
          {downloadError && <p className="error" role="alert" data-testid="download-error">{downloadError}</p>}
        </section>

        {error && !problem && <p className="error" role="alert">{error}</p>}
        {loading && !data && <p className="muted">{t('reports.loading')}</p>}
        {data && (
          <div className={loading ? 'report-body stale' : 'report-body'} aria-busy={loading}>
            <h2 className="report-title" data-testid="report-title">{data.title[f.lang]} · <bdi>{f.day(data.query.from)}</bdi> – <bdi>{f.day(data.query.to)}</bdi></h2>
            {data.query.to >= today && <p className="muted small" data-testid="report-partial">{t('reports.todayPartial')}</p>}
            <div className="kpis" data-testid="report-kpis">
              {KEYS.map(([k, kind]) => {
                const now = key![k];
                const before = previous?.key[k] ?? null;
                const change = now !== null && before !== null && previous && previous.key.issued > 0 ? now - before : null;
                const better = BETTER[k];
                const tone = change === null || change === 0 || !better ? 'same' : (change > 0) === (better === 'up') ? 'better' : 'worse';
                return (
                  <div className="kpi" key={k}>
                    <span className="kpi-value" data-testid={`report-kpi-${k}`}>{show(now, kind)}</span>
                    <span className="kpi-label">{t(`reports.key.${k}`)}</span>
                    {change !== null && (
                      <span className={`kpi-change ${tone}`} data-testid={`report-kpi-change-${k}`}>
                        {change === 0 ? t('reports.same') : `${change > 0 ? '▲' : '▼'} ${kind === 'pct' ? t('reports.points', { n: f.n(Math.abs(change) * 100, 1) }) : show(Math.abs(change), kind)}`}
                        {tone !== 'same' && <span className="sr-only"> ({t(`reports.${tone}`)})</span>}
                      </span>
                    )}
                  </div>
                );
              })}
            </div>
            {previous && <p className="muted small" data-testid="report-compare">{t('reports.comparedWith', { from: f.day(prevRange.from), to: f.day(prevRange.to) })}</p>}
            {key && key.served > key.issued && <p className="notice small" data-testid="report-transfers">{t('reports.transfers')}</p>}
            <ReportCharts data={data} />
            <ReportTables data={data} />
            <details className="card report-guide" id="report-guide" data-testid="report-guide">
              <summary>{t('reports.guideTitle')}</summary>
              <ul>
                {(['wait', 'service', 'level', 'served', 'noShow', 'p90', 'partial', 'compare', 'colours'] as const).map((g) => <li key={g}>{t(`reports.guide.${g}`)}</li>)}
              </ul>
            </details>
          </div>
        )}
      </main>
    </div>
  );
}
