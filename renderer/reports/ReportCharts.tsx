// The report's charts (the same choice of figures as the PDF: shared/reports/charts.ts), recharts
// bars mirrored for right-to-left.
import { Bar, BarChart, CartesianGrid, Cell, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useTranslation } from 'react-i18next';
import { useHall } from '../store/hall-store.ts';
import type { ReportResponse } from '../../shared/protocol/reports.ts';
import { businessDay } from '../../shared/domain/business-day.ts';
import { cellText } from './cell-text.ts';
import { CHARTS } from '../../shared/reports/charts.ts';
import { useFormat } from '../i18n/use-format.ts';

const MARGIN = { top: 10, right: 16, left: 16, bottom: 10 };
/** The share of citizens called within target a service should reach: the planner's usual goal. */
export const LEVEL_GOAL = 0.8;
const OK = '#0b5d4b';
const BAD = '#b42318';

export function ReportCharts({ data }: { data: ReportResponse }) {
  const f = useFormat();
  const { t } = useTranslation();
  const services = useHall((st) => st.services);
  const target = (id: unknown) => services.find((x) => x.id === id)?.targetWaitMinutes;
  const rtl = f.lang === 'ar';
  const today = businessDay(Date.now(), f.timeZone);
  const charts = CHARTS[data.report].flatMap((spec) => {
    const table = data.tables.find((x) => x.id === spec.table);
    if (!table) return [];
    const xCol = table.columns.find((c) => c.key === spec.x)!;
    const yCol = table.columns.find((c) => c.key === spec.y)!;
    const points = table.rows
      .filter((r) => (spec.rows ? spec.rows(r) : true) && typeof r[spec.y] === 'number')
      .map((r) => {
        const value = r[spec.y] as number;
        // What is wrong, in red: a service level under the goal, a service's mean wait above its target.
        const limit = spec.y === 'serviceLevel' ? LEVEL_GOAL : spec.y === 'waitMean' && spec.x === 'service' ? target(r.service) : undefined;
        const bad = limit !== undefined && (spec.y === 'serviceLevel' ? value < limit : value > limit);
        return { label: cellText(xCol, r[spec.x] ?? null, data, f, today), value, bad };
      });
    return points.length ? [{ spec, yCol, points }] : [];
  });
  const fmt = (type: string) => (v: unknown) => (typeof v !== 'number' ? String(v) : type === 'percent' ? f.pct(v) : f.n(v, type === 'int' ? 0 : 1));
  return (
    <div className="charts">
      {charts.map(({ spec, yCol, points }) => (
        <section className="card" key={`${spec.table}-${spec.y}`} aria-labelledby={`ch-${spec.table}-${spec.y}`}>
          <h2 id={`ch-${spec.table}-${spec.y}`}>{spec.title[f.lang]}</h2>
          {points.some((p) => p.bad) && <p className="small chart-note" data-testid={`report-chart-note-${spec.table}-${spec.y}`}>{t(spec.y === 'serviceLevel' ? 'reports.underGoal' : 'reports.overTarget', { names: points.filter((p) => p.bad).map((p) => p.label).join(t('audit.listSep')), n: f.pct(LEVEL_GOAL) })}</p>}
          <div className="chart-box" role="img" aria-label={spec.title[f.lang]} data-testid={`report-chart-${spec.table}-${spec.y}`}>
            <ResponsiveContainer width="100%" height={260}>
              {spec.x === 'service' || spec.x === 'counter' || spec.x === 'clerk' ? (
                // Names are long: bars run along the line of text, names beside them.
                <BarChart data={points} layout="vertical" margin={MARGIN}>
                  <CartesianGrid strokeDasharray="3 3" />
                  <XAxis type="number" reversed={rtl} tickFormatter={fmt(yCol.type)} />
                  <YAxis type="category" dataKey="label" orientation={rtl ? 'right' : 'left'} width={170} tick={{ fontSize: 11 }} interval={0} />
                  <Tooltip formatter={fmt(yCol.type)} />
                  {spec.y === 'serviceLevel' && <ReferenceLine x={LEVEL_GOAL} stroke={BAD} strokeDasharray="4 3" label={{ value: t('reports.goal', { n: f.pct(LEVEL_GOAL) }), position: 'top', fontSize: 11, fill: BAD }} />}
                  <Bar dataKey="value" name={yCol.label[f.lang]} fill={OK} isAnimationActive={false}>
                    {points.map((p, i) => <Cell key={i} fill={p.bad ? BAD : OK} />)}
                  </Bar>
                </BarChart>
              ) : (
              <BarChart data={points} margin={MARGIN}>
                <CartesianGrid strokeDasharray="3 3" />
                <XAxis dataKey="label" reversed={rtl} interval={points.length > 12 ? 'preserveStartEnd' : 0} tick={{ fontSize: 11 }} />
                <YAxis orientation={rtl ? 'right' : 'left'} tickFormatter={fmt(yCol.type)} />
                <Tooltip formatter={fmt(yCol.type)} />
                {spec.y === 'serviceLevel' && <ReferenceLine y={LEVEL_GOAL} stroke={BAD} strokeDasharray="4 3" label={{ value: t('reports.goal', { n: f.pct(LEVEL_GOAL) }), position: 'insideTop', fontSize: 11, fill: BAD }} />}
                <Bar dataKey="value" name={yCol.label[f.lang]} fill={OK} isAnimationActive={false}>
                  {points.map((p, i) => <Cell key={i} fill={p.bad ? BAD : OK} />)}
                </Bar>
              </BarChart>
              )}
            </ResponsiveContainer>
          </div>
        </section>
      ))}
    </div>
  );
}
