// The staffing planner for supervisors and managers: arrivals per service and hour learnt from a
// range of past days (GET /api/v1/plan) — or typed in — and, hour by hour, the counters the hall
// needs as it works (its counters' skills pooled, the usual breaks taken: the headline), today's
// roster beside it (enough, short, or which clerks to move), and each service's own need by
// Erlang C as the detail. Typed numbers stay when the range or the target changes; the hours they
// touch are recomputed here with the same shared code as the hub.
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { businessDay } from '../../shared/domain/business-day.ts';
import { type PlanHour, type StaffingService, planHour } from '../../shared/domain/staffing.ts';
import type { PlanResponse } from '../../shared/protocol/plan.ts';
import { TopBar } from '../shell/TopBar.tsx';
import { useHub } from '../shell/app-context.tsx';
import { useHall } from '../store/hall-store.ts';
import { useFormat } from '../i18n/use-format.ts';
import { presetRange } from '../../shared/reports/periods.ts';
import '../styles/dashboard.css';
import '../styles/reports.css';
import { hubErrorText } from '../i18n/error-text.ts';
import { localDigits } from '../../shared/ticket/ticket-labels.ts';
import { DateField } from '../ui/fields.tsx';

const LEVELS = [0.7, 0.8, 0.9];

/** The manager's own numbers: `service|hour` → arrivals per hour, `service|min` → mean minutes. */
type Edits = Record<string, number>;

/** What was typed, in either digit system, as a number ≥ 0; undefined while it is not one. */
function parseTyped(text: string): number | undefined {
  const t = text.trim()
    .replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660))
    .replace(/[\u06f0-\u06f9]/g, (d) => String(d.charCodeAt(0) - 0x06f0))
    .replace(/[\u066b,]/g, '.');
  if (t === '' || !/^\d*\.?\d*$/.test(t)) return undefined;
  const n = Number(t);
  return Number.isFinite(n) && n >= 0 ? n : undefined;
}

/** A number the manager may retype: shown in the hall's digits, to one decimal at most. */
function NumberCell({ value, onChange, label, testId }: { value: number; onChange: (v: number) => void; label: string; testId?: string }) {
  const f = useFormat();
  const rounded = Math.round(value * 10) / 10;
  const shown = Number.isInteger(rounded) ? f.n(rounded) : f.n(rounded, 1);
  const [text, setText] = useState<string | null>(null);
  return (
    <input
      type="text" inputMode="decimal" className="plan-arrivals" aria-label={label} data-testid={testId} value={text ?? shown}
      aria-invalid={text !== null && parseTyped(text) === undefined ? true : undefined}
      onFocus={() => setText(shown)}
      onBlur={() => setText(null)}
      onChange={(e) => {
        setText(e.target.value);
        const v = parseTyped(e.target.value);
        if (v !== undefined) onChange(v);
      }}
    />
  );
}

export function PlanPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const hub = useHub();
  const counterNames = useHall((s) => s.counters);
  const serviceNames = useHall((s) => s.services);
  const today = businessDay(Date.now(), f.timeZone);
  /** A name as the hall wrote it, its numbers in the screen's digits ("الشباك ٥"). */
  const named = (x: { ar: string; en: string }) => (f.lang === 'ar' ? localDigits(f.name(x), f.digits) : f.name(x));
  const [range, setRange] = useState(() => presetRange('lastMonth', today));
  const [level, setLevel] = useState(0.8);
  const [data, setData] = useState<PlanResponse | null>(null);
  const [error, setError] = useState<string | null>(null);
  // Kept across a change of range or level: the manager's numbers are theirs until cleared.
  const [edits, setEdits] = useState<Edits>({});

  useEffect(() => {
    let live = true;
    setError(null);
    hub.get<PlanResponse>(`/api/v1/plan?${new URLSearchParams({ from: range.from, to: range.to, level: String(level) }).toString()}`).then(
      (d) => { if (live) setData(d); },
      (err: unknown) => live && setError(hubErrorText(err)),
    );
    return () => { live = false; };
  }, [hub, range, level]);

  // The inputs as planned: the hub's, with the manager's numbers where typed in.
  const services = useMemo<(PlanResponse['services'][number] & StaffingService)[]>(() => (data?.services ?? []).map((s) => ({
    ...s,
    serviceMinutes: edits[`${s.serviceId}|min`] ?? s.serviceMinutes,
    arrivalsPerHour: s.arrivalsPerHour.map((a, h) => edits[`${s.serviceId}|${h}`] ?? a),
  })), [data, edits]);

  // The hub's hours where nothing typed touches them; the others recomputed here (a moment after typing).
  const [hours, setHours] = useState<PlanHour[]>([]);
  const [computing, setComputing] = useState(false);
  useEffect(() => {
    if (!data) return;
    if (Object.keys(edits).length === 0) {
      setHours(data.hours);
      setComputing(false);
      return;
    }
    const minutesTyped = Object.keys(edits).some((k) => k.endsWith('|min'));
    const touched = (h: number) => minutesTyped || services.some((s) => `${s.serviceId}|${h}` in edits);
    setComputing(true);
    const id = setTimeout(() => {
      const options = { breakShare: data.breakShare, palette: data.palette };
      setHours(Array.from({ length: 24 }, (_x, h) => h).flatMap((h) => {
        if (!touched(h)) return data.hours.filter((x) => x.hour === h);
        const row = planHour(h, services, data.roster.counters, data.serviceLevel, options);
        return row ? [row] : [];
      }));
      setComputing(false);
    }, 350);
    return () => clearTimeout(id);
  }, [data, services, edits]);

  const peak = hours.reduce((m, h) => Math.max(m, h.counters), 0);
  const edit = (key: string, v: number) => setEdits((e) => ({ ...e, [key]: v }));
  // "07:00–08:00" in the page's digits; it reads in the page's direction.
  const hourLabel = (h: number) => `${f.n(h)}:${f.n(0)}${f.n(0)}–${f.n(h + 1)}:${f.n(0)}${f.n(0)}`;
  const serviceList = (ids: string[]) => ids.map((id) => {
    const s = serviceNames.find((x) => x.id === id) ?? data?.services.find((x) => x.serviceId === id);
    return s ? named(s.name) : id;
  }).join(t('plan.and'));
  const counterName = (id: string) => {
    const c = counterNames.find((x) => x.id === id);
    return c ? named(c.name) : id;
  };
  const typed = Object.keys(edits).length;

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
            <label>{t('reports.from')} <DateField value={range.from} max={today} data-testid="plan-from" onChange={(v) => setRange((r) => ({ ...r, from: v }))} /></label>
            <label>{t('reports.to')} <DateField value={range.to} max={today} data-testid="plan-to" onChange={(v) => setRange((r) => ({ ...r, to: v }))} /></label>
            <label>{t('plan.level')}
              <select value={level} data-testid="plan-level" onChange={(e) => setLevel(Number(e.target.value))}>
                {LEVELS.map((l) => <option key={l} value={l}>{f.pct(l)}</option>)}
              </select>
            </label>
            {typed > 0 && <button type="button" className="btn-quiet" data-testid="plan-clear" onClick={() => setEdits({})}>{t('plan.clear', { count: typed, n: f.n(typed) })}</button>}
          </div>
          <p className="muted">{t('plan.explain')}</p>
          {error && <p className="error" role="alert">{error}</p>}
        </section>

        {data && (
          <>
            <section className="kpis" aria-label={t('plan.keyFigures')}>
              <div className="card kpi"><span className="kpi-label">{t('plan.openDays')}</span><span className="kpi-value" data-testid="plan-open-days">{f.n(data.openDays)}</span></div>
              <div className="card kpi"><span className="kpi-label">{t('plan.peak')}</span><span className="kpi-value" data-testid="plan-peak">{f.n(peak)}</span></div>
              <div className="card kpi"><span className="kpi-label">{t(data.roster.source === 'open' ? 'plan.rosterOpen' : 'plan.rosterConfigured')}</span><span className="kpi-value" data-testid="plan-roster">{f.n(data.roster.counters.length)}</span></div>
            </section>

            <section className="card" aria-busy={computing || undefined}>
              <h2>{t('plan.byHour')}</h2>
              <p className="muted">{t('plan.legend', { level: f.pct(data.serviceLevel) })}</p>
              {hours.length === 0 ? <p className="muted">{t('reports.noData')}</p> : (
                <div className="table-scroll">
                  <table className="report-table" data-testid="plan-table">
                    <thead>
                      <tr>
                        <th scope="col">{t('plan.hour')}</th>
                        <th scope="col">{t('plan.needed')}</th>
                        <th scope="col">{t('plan.roster')}</th>
                        {services.map((s) => <th scope="col" key={s.serviceId}>{named(s.name)}</th>)}
                      </tr>
                    </thead>
                    <tbody>
                      {hours.map((h) => (
                        <tr key={h.hour} data-testid={`plan-hour-${h.hour}`}>
                          <th scope="row"><span className="plan-hour">{hourLabel(h.hour)}</span></th>
                          <td data-testid={`plan-needed-${h.hour}`} data-erlang={h.needed} className={h.counters > h.roster ? 'over' : undefined}><strong>{f.n(h.counters)}</strong></td>
                          <td data-testid={`plan-roster-${h.hour}`} data-meets={h.rosterMeets ? 'yes' : 'no'} style={{ minWidth: '11rem', maxWidth: '20rem' }}>
                            <span>{f.n(h.roster)} · {h.rosterMeets ? t('plan.enough') : h.counters > h.roster ? t('plan.short', { count: h.counters - h.roster, n: f.n(h.counters - h.roster) }) : t('plan.skills')}</span>
                            {h.moves.map((m) => (
                              <span key={m.counterId} className="muted" style={{ display: 'block', fontSize: '0.85rem' }} data-testid={`plan-move-${h.hour}-${m.counterId}`}>{t('plan.move', { counter: counterName(m.counterId), from: serviceList(m.from), to: serviceList(m.to) })}</span>
                            ))}
                          </td>
                          {services.map((s) => {
                            const row = h.services.find((x) => x.serviceId === s.serviceId);
                            return (
                              <td key={s.serviceId}>
                                <NumberCell value={s.arrivalsPerHour[h.hour] ?? 0} onChange={(v) => edit(`${s.serviceId}|${h.hour}`, v)} label={t('plan.arrivalsOf', { service: named(s.name), hour: hourLabel(h.hour) })} testId={`plan-arrivals-${h.hour}-${s.serviceId}`} />
                                {row && <span className="muted plan-cell" title={t('plan.cellTitle')}>{t('plan.cell', { needed: f.n(row.needed) })}</span>}
                              </td>
                            );
                          })}
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
            </section>

            <section className="card">
              <h2>{t('plan.services')}</h2>
              <table className="report-table" data-testid="plan-services">
                <thead><tr><th scope="col">{t('reports.service')}</th><th scope="col">{t('plan.target')}</th><th scope="col">{t('plan.serviceMinutes')}</th><th scope="col">{t('plan.perDay')}</th></tr></thead>
                <tbody>
                  {services.map((s) => (
                    <tr key={s.serviceId}>
                      <th scope="row">{named(s.name)}</th>
                      <td>{f.n(s.targetWaitMinutes)}</td>
                      <td><NumberCell value={s.serviceMinutes} onChange={(v) => v > 0 && edit(`${s.serviceId}|min`, v)} label={t('plan.serviceMinutesOf', { service: named(s.name) })} testId={`plan-minutes-${s.serviceId}`} /></td>
                      <td>{f.n(Math.round(s.arrivalsPerHour.reduce((a, b) => a + b, 0)))}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <details className="plan-how" data-testid="plan-how">
                <summary>{t('plan.how')}</summary>
                <p>{t('plan.howPooled')}</p>
                <p>{t('plan.howErlang')}</p>
              </details>
            </section>
          </>
        )}
      </main>
    </div>
  );
}
