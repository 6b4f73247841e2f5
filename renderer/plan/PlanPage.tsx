// The staffing planner for supervisors and managers: arrivals per service and hour learnt from a
// range of past days (GET /api/v1/plan) — or typed in — and the counters needed each hour so that
// the chosen share of citizens is called within their service's target wait (Erlang C, computed
// here with the same shared code as the hub), against today's roster.
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { businessDay } from '../../shared/domain/business-day.ts';
import { staffingPlan } from '../../shared/domain/staffing.ts';
import type { PlanResponse } from '../../shared/protocol/plan.ts';
import { TopBar } from '../shell/TopBar.tsx';
import { useHub } from '../shell/app-context.tsx';
import { useFormat } from '../i18n/use-format.ts';
import { presetRange } from '../reports/report-range.ts';
import '../styles/dashboard.css';
import '../styles/reports.css';
import { hubErrorText } from '../i18n/error-text.ts';

const LEVELS = [0.7, 0.8, 0.9];

type Edits = Record<string, number>;

export function PlanPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const hub = useHub();
  const today = businessDay(Date.now(), f.timeZone);
  const [range, setRange] = useState(() => presetRange('lastMonth', today));
  const [level, setLevel] = useState(0.8);
  const [data, setData] = useState<PlanResponse | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [edits, setEdits] = useState<Edits>({});

  useEffect(() => {
    let live = true;
    setError(null);
    hub.get<PlanResponse>(`/api/v1/plan?${new URLSearchParams({ from: range.from, to: range.to, level: String(level) }).toString()}`).then(
      (d) => { if (live) { setData(d); setEdits({}); } },
      (err: unknown) => live && setError(hubErrorText(err)),
    );
    return () => { live = false; };
  }, [hub, range, level]);

  // The plan as shown: the hub's arrivals with the manager's own numbers where typed in.
  const plan = useMemo(() => {
    if (!data) return null;
    const services = data.services.map((s) => ({
      ...s,
      serviceMinutes: edits[`${s.serviceId}|min`] ?? s.serviceMinutes,
      arrivalsPerHour: s.arrivalsPerHour.map((a, h) => edits[`${s.serviceId}|${h}`] ?? a),
    }));
    return { services, ...staffingPlan(services, data.roster.counters, level) };
  }, [data, edits, level]);

  const hours = plan?.hours ?? [];
  const peak = hours.reduce((m, h) => Math.max(m, h.needed), 0);
  const edit = (key: string, v: string) => {
    const n = Number(v);
    if (v.trim() !== '' && Number.isFinite(n) && n >= 0) setEdits((e) => ({ ...e, [key]: n }));
  };
  // "07:00–08:00" in the page's digits; it reads in the page's direction.
  const hourLabel = (h: number) => `${f.n(h)}:${f.n(0)}${f.n(0)}–${f.n(h + 1)}:${f.n(0)}${f.n(0)}`;

  return (
    <div data-testid="plan">
      <TopBar title={t('plan.title')}>
        <Link to="/dashboard" className="btn-quiet">{t('reports.toDashboard')}</Link>
      </TopBar>
      <main className="page reports">
        <section className="card report-controls" aria-label={t('plan.choose')}>
          <div className="report-filters">
            <div className="presets" role="group" aria-label={t('reports.range')}>
              {(['lastMonth', 'last7', 'last12Months'] as const).map((p) => (
                <button key={p} type="button" className="btn-quiet" data-testid={`plan-preset-${p}`} onClick={() => setRange(presetRange(p, today))}>{t(`reports.presets.${p}`)}</button>
              ))}
            </div>
            <label>{t('reports.from')} <input type="date" value={range.from} max={today} data-testid="plan-from" onChange={(e) => e.target.value && setRange((r) => ({ ...r, from: e.target.value }))} /></label>
            <label>{t('reports.to')} <input type="date" value={range.to} max={today} data-testid="plan-to" onChange={(e) => e.target.value && setRange((r) => ({ ...r, to: e.target.value }))} /></label>
            <label>{t('plan.level')}
              <select value={level} data-testid="plan-level" onChange={(e) => setLevel(Number(e.target.value))}>
                {LEVELS.map((l) => <option key={l} value={l}>{f.pct(l)}</option>)}
              </select>
            </label>
          </div>
          <p className="muted">{t('plan.explain', { level: f.pct(level) })}</p>
          {error && <p className="error" role="alert">{error}</p>}
        </section>

        {data && plan && (
          <>
            <section className="kpis" aria-label={t('plan.keyFigures')}>
              <div className="card kpi"><span className="kpi-label">{t('plan.openDays')}</span><span className="kpi-value" data-testid="plan-open-days">{f.n(data.openDays)}</span></div>
              <div className="card kpi"><span className="kpi-label">{t('plan.peak')}</span><span className="kpi-value" data-testid="plan-peak">{f.n(peak)}</span></div>
              <div className="card kpi"><span className="kpi-label">{t(data.roster.source === 'open' ? 'plan.rosterOpen' : 'plan.rosterConfigured')}</span><span className="kpi-value" data-testid="plan-roster">{f.n(data.roster.counters.length)}</span></div>
            </section>

            <section className="card">
              <h2>{t('plan.byHour')}</h2>
              {hours.length === 0 ? <p className="muted">{t('reports.noData')}</p> : (
                <div className="table-scroll">
                  <table className="report-table" data-testid="plan-table">
                    <thead>
                      <tr>
                        <th scope="col">{t('plan.hour')}</th>
                        <th scope="col">{t('plan.needed')}</th>
                        <th scope="col">{t('plan.roster')}</th>
                        {plan.services.map((s) => <th scope="col" key={s.serviceId}>{f.name(s.name)}</th>)}
                      </tr>
                    </thead>
                    <tbody>
                      {hours.map((h) => (
                        <tr key={h.hour} data-testid={`plan-hour-${h.hour}`}>
                          <th scope="row"><span className="plan-hour">{hourLabel(h.hour)}</span></th>
                          <td data-testid={`plan-needed-${h.hour}`} className={h.needed > h.roster ? 'over' : undefined}><strong>{f.n(h.needed)}</strong></td>
                          <td>{f.n(h.roster)}</td>
                          {plan.services.map((s) => {
                            const row = h.services.find((x) => x.serviceId === s.serviceId);
                            return (
                              <td key={s.serviceId}>
                                <input
                                  type="number" min={0} step={0.5} className="plan-arrivals" aria-label={t('plan.arrivalsOf', { service: f.name(s.name), hour: hourLabel(h.hour) })}
                                  value={s.arrivalsPerHour[h.hour] ?? 0} onChange={(e) => edit(`${s.serviceId}|${h.hour}`, e.target.value)}
                                />
                                {row && <span className="muted plan-cell" title={t('plan.cellTitle')}>{t('plan.cell', { needed: f.n(row.needed), level: f.pct(row.rosterServiceLevel) })}</span>}
                              </td>
                            );
                          })}
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
              <p className="muted">{t('plan.legend')}</p>
            </section>

            <section className="card">
              <h2>{t('plan.services')}</h2>
              <table className="report-table" data-testid="plan-services">
                <thead><tr><th scope="col">{t('reports.service')}</th><th scope="col">{t('plan.target')}</th><th scope="col">{t('plan.serviceMinutes')}</th><th scope="col">{t('plan.perDay')}</th></tr></thead>
                <tbody>
                  {plan.services.map((s) => (
                    <tr key={s.serviceId}>
                      <th scope="row">{f.name(s.name)}</th>
                      <td>{f.n(s.targetWaitMinutes)}</td>
                      <td><input type="number" min={0.5} step={0.5} className="plan-arrivals" aria-label={t('plan.serviceMinutesOf', { service: f.name(s.name) })} value={s.serviceMinutes} onChange={(e) => edit(`${s.serviceId}|min`, e.target.value)} /></td>
                      <td>{f.n(s.arrivalsPerHour.reduce((a, b) => a + b, 0), 0)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          </>
        )}
      </main>
    </div>
  );
}
