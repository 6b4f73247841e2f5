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
import { PRESETS, type Preset, presetRange } from './report-range.ts';
import { type ReportChoice, reportQuery, useReport } from './use-report.ts';
import { ReportCharts } from './ReportCharts.tsx';
import { ReportTables } from './ReportTables.tsx';
import '../styles/dashboard.css';
import '../styles/reports.css';
import { hubErrorText } from '../i18n/error-text.ts';

const KEYS = [
  ['issued', 'int'], ['served', 'int'], ['noShow', 'int'], ['waitMean', 'min'], ['waitP90', 'min'], ['serviceMean', 'min'], ['serviceLevel', 'pct'], ['ratingMean', 'rating'],
] as const;

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
            <label>{t('reports.from')} <input type="date" value={choice.from} max={today} data-testid="report-from" onChange={(e) => e.target.value && set({ from: e.target.value })} /></label>
            <label>{t('reports.to')} <input type="date" value={choice.to} max={today} data-testid="report-to" onChange={(e) => e.target.value && set({ to: e.target.value })} /></label>
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
                {clerks.map(([id, name]) => <option key={id} value={id}>{name}</option>)}
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
            <h2 className="report-title" data-testid="report-title">{data.title[f.lang]} · <bdi>{data.query.from}</bdi> – <bdi>{data.query.to}</bdi></h2>
            <div className="kpis" data-testid="report-kpis">
              {KEYS.map(([k, kind]) => (
                <div className="kpi" key={k}>
                  <span className="kpi-value" data-testid={`report-kpi-${k}`}>{show(key![k], kind)}</span>
                  <span className="kpi-label">{t(`reports.key.${k}`)}</span>
                </div>
              ))}
            </div>
            <ReportCharts data={data} />
            <ReportTables data={data} />
            <p className="muted small">{t('reports.definitions')}</p>
          </div>
        )}
      </main>
    </div>
  );
}
