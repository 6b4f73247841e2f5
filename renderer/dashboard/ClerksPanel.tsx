// Each clerk today by name: where they are, what they served and the outcomes they recorded.
import { useTranslation } from 'react-i18next';
import type { Counter } from '../../shared/protocol/entities.ts';
import type { ClerkDay } from '../../shared/protocol/http.ts';
import { useFormat } from '../i18n/use-format.ts';
import { counterLabel } from '../counter/counter-label.ts';

export function ClerksPanel({ clerks, counters }: { clerks: ClerkDay[]; counters: Counter[] }) {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const outcome = (code: string) => (code === 'none' ? t('staffScreens.dashboard.clerks.outcomeNone') : i18n.exists(`outcomes.${code}`) ? t(`outcomes.${code}`) : code);
  return (
    <section className="card" aria-labelledby="clerks-title" data-testid="dash-clerks">
      <h2 id="clerks-title">{t('staffScreens.dashboard.clerks.title')}</h2>
      {clerks.length === 0 ? (
        <p className="muted">{t('staffScreens.dashboard.clerks.none')}</p>
      ) : (
        <div className="table-scroll">
          <table className="data">
            <thead>
              <tr>
                <th>{t('staffScreens.dashboard.clerks.clerk')}</th><th>{t('staffScreens.dashboard.clerks.counter')}</th><th>{t('staffScreens.dashboard.clerks.served')}</th>
                <th>{t('staffScreens.dashboard.clerks.noShows')}</th><th>{t('staffScreens.dashboard.clerks.transferred')}</th><th>{t('staffScreens.dashboard.clerks.avgService')}</th>
                <th>{t('staffScreens.dashboard.clerks.outcomes')}</th>
              </tr>
            </thead>
            <tbody>
              {clerks.map((c) => {
                const at = counters.find((k) => k.id === c.counterId);
                return (
                  <tr key={c.clerkId} data-testid="dash-clerk-row" data-clerk={c.clerkId}>
                    <td className="nowrap"><bdi>{c.name ? f.text(c.name) : t('staffScreens.dashboard.clerks.unknown')}</bdi></td>
                    <td className="nowrap">{at ? counterLabel(t, f, at) : <span className="muted">{t('staffScreens.dashboard.clerks.notAtCounter')}</span>}</td>
                    <td data-testid="dash-clerk-served">{f.n(c.served)}</td>
                    <td>{f.n(c.noShows)}</td>
                    <td>{f.n(c.transferred)}</td>
                    <td>{c.avgServiceMinutes === null ? '—' : f.n(c.avgServiceMinutes, 1)}</td>
                    <td>
                      {c.outcomes.length === 0 ? '—' : (
                        <ul className="chips outcome-chips" data-testid="dash-clerk-outcomes">
                          {c.outcomes.map((o) => <li key={o.outcome} className="chip">{outcome(o.outcome)} <strong>{f.n(o.count)}</strong></li>)}
                        </ul>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
