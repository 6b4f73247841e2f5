// A report's tables, each cell read the same way as in the files (shared/reports/cells.ts),
// numbers in the screen's digits.
import { useTranslation } from 'react-i18next';
import type { ReportResponse } from '../../shared/protocol/reports.ts';
import { labelOf } from '../../shared/reports/cells.ts';
import type { Cell, Column } from '../../shared/reports/reports.ts';
import { useFormat } from '../i18n/use-format.ts';

const MAX_ROWS = 400;

export function ReportTables({ data }: { data: ReportResponse }) {
  const { t } = useTranslation();
  const f = useFormat();
  const show = (c: Column, v: Cell): string => {
    const l = labelOf(c, v, data.labels, f.lang);
    if (l !== null) return l;
    if (v === null) return '—';
    if (typeof v === 'number') {
      if (c.type === 'percent') return f.pct(v);
      return f.n(v, c.type === 'int' ? 0 : c.type === 'number' || c.type === 'hours' ? 2 : 1);
    }
    return String(v);
  };
  return (
    <>
      {data.tables.map((tb) => (
        <section className="card" key={tb.id} aria-labelledby={`tbl-${tb.id}`} data-testid={`report-table-${tb.id}`}>
          <h2 id={`tbl-${tb.id}`}>{tb.title[f.lang]}</h2>
          {tb.rows.length === 0 ? (
            <p className="muted">{t('reports.noData')}</p>
          ) : (
            <div className="table-scroll">
              <table className="report-table">
                <thead>
                  <tr>{tb.columns.map((c) => <th key={c.key} scope="col">{c.label[f.lang]}</th>)}</tr>
                </thead>
                <tbody>
                  {tb.rows.slice(0, MAX_ROWS).map((row, i) => (
                    <tr key={i} className={row.service === null && tb.columns[0]?.key === 'service' ? 'total' : undefined}>
                      {tb.columns.map((c) => <td key={c.key} className={`col-${c.type}`}>{show(c, row[c.key] ?? null)}</td>)}
                    </tr>
                  ))}
                </tbody>
              </table>
              {tb.rows.length > MAX_ROWS && <p className="muted">{t('reports.moreRows', { shown: f.n(MAX_ROWS), total: f.n(tb.rows.length) })}</p>}
            </div>
          )}
        </section>
      ))}
    </>
  );
}
