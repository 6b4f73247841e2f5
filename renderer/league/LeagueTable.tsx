// The league as one table: ranked centres first (best first), then the small samples, marked and
// unranked. On a phone each row becomes a card whose cells carry their column's name.
import { useTranslation } from 'react-i18next';
import type { LeagueEntry, LeagueResponse } from '../../shared/protocol/central.ts';
import { useFormat } from '../i18n/use-format.ts';

const COLS = ['rank', 'centre', 'municipality', 'served', 'serviceLevel', 'waitMedian', 'waitP90', 'noShow', 'satisfaction', 'ratings', 'score'] as const;

export function LeagueTable({ data }: { data: LeagueResponse }) {
  const { t } = useTranslation();
  const f = useFormat();
  const dash = '—';
  const min = (x: number | null) => (x === null ? dash : t('league.minutes', { n: f.n(x, 1) }));
  const pct = (x: number | null) => (x === null ? dash : f.pct(x));
  const label = (c: (typeof COLS)[number]) => t(`league.cols.${c}`);
  const cell = (c: LeagueEntry, col: (typeof COLS)[number]) => {
    switch (col) {
      case 'rank':
        return c.rank === null ? <span className="unranked">{dash}<span className="sr-only"> {t('league.notRanked')}</span></span> : <span className="rank-badge">{f.n(c.rank)}</span>;
      case 'centre':
        return (
          <>
            <span className="centre-name">{f.name(c.name)}</span>
            {c.district[f.lang] && <span className="muted small" data-testid="league-district"> · {f.name(c.district)}</span>}
            {c.smallSample && <span className="badge warn" data-testid="small-sample"> {t('league.smallSample')}</span>}
          </>
        );
      case 'municipality': return f.name(c.municipality);
      case 'served': return f.n(c.served);
      case 'serviceLevel': return pct(c.serviceLevel);
      case 'waitMedian': return min(c.waitMedian);
      case 'waitP90': return min(c.waitP90);
      case 'noShow': return pct(c.noShowShare);
      case 'satisfaction': return c.satisfaction.mean === null ? dash : f.n(c.satisfaction.mean, 1);
      case 'ratings': return f.n(c.satisfaction.count);
      case 'score': return c.score === null ? dash : <strong>{f.n(c.score, 1)}</strong>;
    }
  };
  return (
    <div className="league-table-wrap">
      <table className="data league-table" data-testid="league-table">
        <caption>{t('league.caption', { from: f.day(data.from), to: f.day(data.to) })}</caption>
        <thead>
          <tr>{COLS.map((c) => <th key={c} scope="col" className={`col-${c}`}>{label(c)}</th>)}</tr>
        </thead>
        <tbody>
          {data.centres.map((c) => (
            <tr key={c.branchId} data-testid="league-row" data-branch={c.branchId} data-rank={c.rank ?? ''} className={c.smallSample ? 'small-sample' : undefined}>
              {COLS.map((col) => (
                col === 'centre'
                  ? <th key={col} scope="row" className={`col-${col}`}>{cell(c, col)}</th>
                  : <td key={col} className={`col-${col} num`} data-label={label(col)}>{cell(c, col)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
