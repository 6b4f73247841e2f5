// A report's tables, each cell read the same way as in the files (shared/reports/cells.ts),
// numbers in the screen's digits.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReportResponse } from '../../shared/protocol/reports.ts';
import { businessDay } from '../../shared/domain/business-day.ts';
import { cellText } from './cell-text.ts';
import type { Cell, Column } from '../../shared/reports/reports.ts';
import { useFormat } from '../i18n/use-format.ts';

/** Rows a table shows before "show all" (a meeting reads the top; the file has every row). */
const TOP_ROWS = 10;
/** Rows at most even when all are asked for (the file has the rest). */
const MAX_ROWS = 400;

export function ReportTables({ data }: { data: ReportResponse }) {
  const { t } = useTranslation();
  const f = useFormat();
  const [open, setOpen] = useState<Set<string>>(new Set());
  const today = businessDay(Date.now(), f.timeZone);
  const show = (c: Column, v: Cell): string => cellText(c, v, data, f, today);
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
                  {rowsShown(tb.rows, open.has(tb.id), (row) => row.service === null && tb.columns[0]?.key === 'service').map((row, i) => (
                    <tr key={i} className={row.service === null && tb.columns[0]?.key === 'service' ? 'total' : undefined}>
                      {tb.columns.map((c) => <td key={c.key} className={`col-${c.type}`}>{show(c, row[c.key] ?? null)}</td>)}
                    </tr>
                  ))}
                </tbody>
              </table>
              {tb.rows.length > TOP_ROWS && (
                <div className="row table-more">
                  <span className="muted" role="status">{t('reports.rowsShown', { shown: f.n(Math.min(tb.rows.length, open.has(tb.id) ? MAX_ROWS : TOP_ROWS)), total: f.n(tb.rows.length) })}</span>
                  <button type="button" className="btn-quiet" aria-expanded={open.has(tb.id)} aria-controls={`tbl-${tb.id}`} data-testid={`report-table-toggle-${tb.id}`}
                    onClick={() => setOpen((o) => { const n = new Set(o); if (n.has(tb.id)) n.delete(tb.id); else n.add(tb.id); return n; })}>
                    {open.has(tb.id) ? t('reports.showTop', { n: f.n(TOP_ROWS) }) : t('reports.showAll', { n: f.n(Math.min(tb.rows.length, MAX_ROWS)) })}
                  </button>
                  {open.has(tb.id) && tb.rows.length > MAX_ROWS && <span className="muted">{t('reports.moreRows', { shown: f.n(MAX_ROWS), total: f.n(tb.rows.length) })}</span>}
                </div>
              )}
            </div>
          )}
        </section>
      ))}
    </>
  );
}

/** The first rows, or all up to the ceiling; a table's total row (last) is always shown. */
function rowsShown<R>(rows: R[], all: boolean, isTotal: (r: R) => boolean): R[] {
  const body = rows.filter((r) => !isTotal(r));
  return [...body.slice(0, all ? MAX_ROWS : TOP_ROWS), ...rows.filter(isTotal)];
}
