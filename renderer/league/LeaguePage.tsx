// The public league table (issue 12, seed 003: publish the results to create competition): every
// centre of the platform or of one municipality over a period, ranked by the method stated on the
// page; small samples shown, marked and not ranked. No sign-in. The period and municipality live
// in the address, so a link shows the same table.
import { useSearchParams, Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { businessDay } from '../../shared/domain/business-day.ts';
import { MAX_REPORT_DAYS, rangeProblem } from '../../shared/protocol/reports.ts';
import { LanguageSwitch } from '../shell/LanguageSwitch.tsx';
import { useCentral } from '../shell/app-context.tsx';
import { useFormat } from '../i18n/use-format.ts';
import { centralErrorText } from '../central/error-text.ts';
import { LEAGUE_PRESETS, leaguePeriod } from '../../shared/reports/periods.ts';
import { isDay } from './period.ts';
import { useLeague, useMunicipalities } from './use-league.ts';
import { LeagueTable } from './LeagueTable.tsx';
import '../styles/central.css';
import { DateField } from '../ui/fields.tsx';

export function LeaguePage() {
  const { t } = useTranslation();
  const f = useFormat();
  const central = useCentral();
  const [params, setParams] = useSearchParams();
  const today = businessDay(Date.now(), f.timeZone);
  const fallback = leaguePeriod('last30', today);
  const from = isDay(params.get('from')) ? params.get('from')! : fallback.from;
  const to = isDay(params.get('to')) ? params.get('to')! : fallback.to;
  const municipality = params.get('municipality') ?? '';
  const problem = rangeProblem(from, to);
  const period = { from, to, municipality: municipality || undefined };
  const { data, error, loading } = useLeague(problem ? null : period);
  const municipalities = useMunicipalities();
  const set = (patch: Record<string, string>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries({ from, to, municipality, ...patch })) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    setParams(next, { replace: true });
  };

  return (
    <div className="league-page" data-testid="league">
      <header className="public-head">
        <div className="public-title">
          <span className="brand-big" aria-hidden="true">دور</span>
          <div>
            <h1>{t('league.title')}</h1>
            <p className="muted">{t('league.subtitle')}</p>
          </div>
        </div>
        <div className="public-tools">
          <LanguageSwitch />
          <Link to="/central" className="btn-quiet">{t('league.toCentral')}</Link>
        </div>
      </header>
      <main className="page league">
        <section className="card league-controls" aria-label={t('league.controls')}>
          <div className="presets" role="group" aria-label={t('league.period')}>
            {LEAGUE_PRESETS.map((p) => {
              const r = leaguePeriod(p, today);
              const on = r.from === from && r.to === to;
              return (
                <button key={p} type="button" className={on ? 'btn chip on' : 'btn chip'} aria-pressed={on} data-testid={`league-preset-${p}`} onClick={() => set(r)}>
                  {t(`league.presets.${p}`, { n: f.n(p === 'last7' ? 7 : 30) })}
                </button>
              );
            })}
          </div>
          <div className="row league-fields">
            <label>{t('league.from')} <DateField className="field" value={from} max={today} data-testid="league-from" onChange={(v) => set({ from: v })} /></label>
            <label>{t('league.to')} <DateField className="field" value={to} max={today} data-testid="league-to" onChange={(v) => set({ to: v })} /></label>
            <label>{t('league.municipality')}
              <select className="field" value={municipality} data-testid="league-municipality" onChange={(e) => set({ municipality: e.target.value })}>
                <option value="">{t('league.allMunicipalities')}</option>
                {municipalities.map((m) => <option key={m.id} value={m.id}>{f.name(m.name)}</option>)}
              </select>
            </label>
            {!problem && (
              <a className="btn" href={central.leagueCsvUrl(period, f.lang)} download data-testid="league-csv">{t('league.csv')}</a>
            )}
          </div>
          {problem && <p className="error" role="alert">{t('league.badRange', { max: f.n(MAX_REPORT_DAYS) })}</p>}
        </section>

        {error !== null && !problem && <p className="error" role="alert" data-testid="league-error">{centralErrorText(t, error)}</p>}
        {loading && !data && !problem && <p className="muted" role="status">{t('league.loading')}</p>}
        {data && (
          <div className={loading ? 'stale' : undefined} aria-busy={loading}>
            {data.centres.length === 0
              ? <p className="muted" data-testid="league-empty">{t('league.empty')}</p>
              : <LeagueTable data={data} />}
          </div>
        )}

        <section className="card method" aria-labelledby="league-method" data-testid="league-method">
          <h2 id="league-method">{t('league.methodTitle')}</h2>
          <p>{t('league.method1', { sl: f.pct(data?.method.weights.serviceLevel ?? 0.6), sat: f.pct(data?.method.weights.satisfaction ?? 0.4) })}</p>
          <p>{t('league.method2', { served: f.n(data?.method.minServed ?? 100), ratings: f.n(data?.method.minRatings ?? 20) })}</p>
          <p>{t('league.method3')}</p>
        </section>
      </main>
    </div>
  );
}
