// The report's charts (the same choice of figures as the PDF: shared/reports/charts.ts), recharts
// bars mirrored for right-to-left.
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { ReportResponse } from '../../shared/protocol/reports.ts';
import { labelOf } from '../../shared/reports/cells.ts';
import { CHARTS } from '../../shared/reports/charts.ts';
import { useFormat } from '../i18n/use-format.ts';

const MARGIN = { top: 10, right: 16, left: 16, bottom: 10 };

export function ReportCharts({ data }: { data: ReportResponse }) {
  const f = useFormat();
  const rtl = f.lang === 'ar';
  const charts = CHARTS[data.report].flatMap((spec) => {
    const table = data.tables.find((x) => x.id === spec.table);
    if (!table) return [];
    const xCol = table.columns.find((c) => c.key === spec.x)!;
    const yCol = table.columns.find((c) => c.key === spec.y)!;
    const points = table.rows
      .filter((r) => (spec.rows ? spec.rows(r) : true) && typeof r[spec.y] === 'number')
      .map((r) => ({ label: labelOf(xCol, r[spec.x] ?? null, data.labels, f.lang) ?? String(r[spec.x]), value: r[spec.y] as number }));
    return points.length ? [{ spec, yCol, points }] : [];
  });
  const fmt = (type: string) => (v: unknown) => (typeof v !== 'number' ? String(v) : type === 'percent' ? f.pct(v) : f.n(v, type === 'int' ? 0 : 1));
  return (
    <div className="charts">
      {charts.map(({ spec, yCol, points }) => (
        <section className="card" key={`${spec.table}-${spec.y}`} aria-labelledby={`ch-${spec.table}-${spec.y}`}>
          <h2 id={`ch-${spec.table}-${spec.y}`}>{spec.title[f.lang]}</h2>
          <div className="chart-box" role="img" aria-label={spec.title[f.lang]} data-testid={`report-chart-${spec.table}-${spec.y}`}>
            <ResponsiveContainer width="100%" height={260}>
              {spec.x === 'service' || spec.x === 'counter' || spec.x === 'clerk' ? (
                // Names are long: bars run along the line of text, names beside them.
                <BarChart data={points} layout="vertical" margin={MARGIN}>
                  <CartesianGrid strokeDasharray="3 3" />
                  <XAxis type="number" reversed={rtl} tickFormatter={fmt(yCol.type)} />
                  <YAxis type="category" dataKey="label" orientation={rtl ? 'right' : 'left'} width={170} tick={{ fontSize: 11 }} interval={0} />
                  <Tooltip formatter={fmt(yCol.type)} />
                  <Bar dataKey="value" name={yCol.label[f.lang]} fill="#0b5d4b" isAnimationActive={false} />
                </BarChart>
              ) : (
              <BarChart data={points} margin={MARGIN}>
                <CartesianGrid strokeDasharray="3 3" />
                <XAxis dataKey="label" reversed={rtl} interval={points.length > 12 ? 'preserveStartEnd' : 0} tick={{ fontSize: 11 }} />
                <YAxis orientation={rtl ? 'right' : 'left'} tickFormatter={fmt(yCol.type)} />
                <Tooltip formatter={fmt(yCol.type)} />
                <Bar dataKey="value" name={yCol.label[f.lang]} fill="#0b5d4b" isAnimationActive={false} />
              </BarChart>
              )}
            </ResponsiveContainer>
          </div>
        </section>
      ))}
    </div>
  );
}
