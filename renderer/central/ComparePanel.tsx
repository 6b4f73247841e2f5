// Centres compared day by day over a period (GET /api/v1/compare): one figure at a time, as a
// line per centre and as a table of days × centres. A centre's today is not over: the chart
// leaves it out, the table marks it "so far".
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { CompareResponse } from '../../shared/protocol/central.ts';
import { businessDay } from '../../shared/domain/business-day.ts';
import { rangeProblem } from '../../shared/protocol/reports.ts';
import { useCentral } from '../shell/app-context.tsx';
import { useFormat } from '../i18n/use-format.ts';
import { centralErrorText } from './error-text.ts';
import { DateField } from '../ui/fields.tsx';

const METRICS = ['served', 'issued', 'serviceLevel', 'waitMedian', 'waitP90', 'satisfaction'] as const;
type Metric = (typeof METRICS)[number];
// Distinct on white and from each other (all ≥ 4.5:1 against white).
const COLOURS = ['#0b5d4b', '#8a5a00', '#1a5fb4', '#a51d2d', '#613583', '#3d5a00', '#005f73', '#6b3e26'];

const daysBefore = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);

export function ComparePanel({ municipality }: { municipality: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  const central = useCentral();
  const today = businessDay(Date.now(), f.timeZone);
  const [from, setFrom] = useState(() => daysBefore(today, 13));
  const [to, setTo] = useState(today);
  const [metric, setMetric] = useState<Metric>('served');
  const [state, setState] = useState<{ data: CompareResponse | null; error: unknown; loading: boolean }>({ data: null, error: null, loading: true });
  const problem = rangeProblem(from, to);
  useEffect(() => {
    if (problem) return;
    let live = true;
    setState((s) => ({ ...s, loading: true, error: null }));
    central.compare({ from, to, municipality: municipality || undefined }).then(
      (data) => live && setState({ data, error: null, loading: false }),
      (error: unknown) => live && setState({ data: null, error, loading: false }),
    );
    return () => {
      live = false;
    };
  }, [central, from, to, municipality, problem]);

  const { days, byDay, partial } = useMemo(() => {
    const byDay = new Map<string, Record<string, number | null>>();
    const partial = new Set<string>();
    for (const r of state.data?.rows ?? []) {
      const row = byDay.get(r.day) ?? {};
      row[r.branchId] = r[metric];
      byDay.set(r.day, row);
      if (r.partial) partial.add(`${r.day}|${r.branchId}`);
    }
    return { days: [...byDay.keys()].sort(), byDay, partial };
  }, [state.data, metric]);
  const centres = state.data?.centres ?? [];
  const show = (x: number | null | undefined) => (x === null || x === undefined ? '—' : metric === 'serviceLevel' ? f.pct(x) : f.n(x, metric === 'served' || metric === 'issued' ? 0 : 1));
  const shortDay = (d: string) => f.n(Number(d.slice(8, 10))) + '/' + f.n(Number(d.slice(5, 7)));
  // A partial day (a centre's today) is not drawn: its figures are so far, not the day's.
  const points = days.map((d) => ({ day: d, ...Object.fromEntries(Object.entries(byDay.get(d) ?? {}).filter(([b]) => !partial.has(`${d}|${b}`))) }));
  const rtl = f.lang === 'ar';
  const metricName = t(`central.compare.metrics.${metric}`);

  return (
    <section className="card compare" aria-labelledby="compare-title" data-testid="compare">
      <h2 id="compare-title">{t('central.compare.title')}</h2>
      <div className="row compare-controls">
        <label>{t('central.compare.from')} <DateField className="field" value={from} max={today} data-testid="compare-from" onChange={setFrom} /></label>
        <label>{t('central.compare.to')} <DateField className="field" value={to} max={today} data-testid="compare-to" onChange={setTo} /></label>
        <label>{t('central.compare.metric')}
          <select className="field" value={metric} data-testid="compare-metric" onChange={(e) => setMetric(e.target.value as Metric)}>
            {METRICS.map((m) => <option key={m} value={m}>{t(`central.compare.metrics.${m}`)}</option>)}
          </select>
        </label>
      </div>
      {problem && <p className="error" role="alert">{t('central.compare.badRange')}</p>}
      {state.error !== null && !problem && <p className="error" role="alert">{centralErrorText(t, state.error)}</p>}
      {state.data && days.length === 0 && <p className="muted">{t('central.compare.noRows')}</p>}
      {days.length > 0 && (
        <>
          <div className="chart-box" role="img" aria-label={t('central.compare.chartAria', { metric: metricName })} data-testid="compare-chart">
            <ResponsiveContainer width="100%" height={280}>
              <LineChart data={points} margin={{ top: 10, right: 16, left: 16, bottom: 10 }}>
                <CartesianGrid strokeDasharray="3 3" />
                <XAxis dataKey="day" reversed={rtl} tickFormatter={shortDay} tick={{ fontSize: 12 }} />
                <YAxis orientation={rtl ? 'right' : 'left'} tickFormatter={(v: number) => show(v)} tick={{ fontSize: 12 }} />
                <Tooltip labelFormatter={(d) => f.day(String(d))} formatter={(v) => show(typeof v === 'number' ? v : null)} />
                <Legend />
                {centres.map((c, i) => (
                  <Line key={c.id} type="monotone" dataKey={c.id} name={f.name(c.name)} stroke={COLOURS[i % COLOURS.length]} strokeWidth={2} dot={{ r: 3 }} connectNulls isAnimationActive={false} />
                ))}
              </LineChart>
            </ResponsiveContainer>
          </div>
          {partial.size > 0 && <p className="muted small" data-testid="compare-partial">{t('central.compare.partialNote')}</p>}
          <div className="table-scroll compare-table" tabIndex={0} role="region" aria-label={metricName}>
            <table className="data" data-testid="compare-table">
              <caption className="sr-only">{metricName}</caption>
              <thead>
                <tr><th scope="col">{t('central.compare.day')}</th>{centres.map((c) => <th key={c.id} scope="col" className="num">{f.name(c.name)}</th>)}</tr>
              </thead>
              <tbody>
                {days.map((d) => (
                  <tr key={d}>
                    <th scope="row">{f.day(d)}</th>
                    {centres.map((c) => (
                      <td key={c.id} className="num">
                        {show(byDay.get(d)?.[c.id])}
                        {partial.has(`${d}|${c.id}`) && <span className="muted small" data-testid="compare-so-far"> {t('central.compare.soFar')}</span>}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
