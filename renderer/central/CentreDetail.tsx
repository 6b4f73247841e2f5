// One centre in detail: today's live figures and a day's summary computed by central from the
// replicated events (GET /api/v1/branches/{id}/days/{day}), any day the reader picks.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CentreLive, DaySummary } from '../../shared/protocol/central.ts';
import { businessDay } from '../../shared/domain/business-day.ts';
import { useCentral } from '../shell/app-context.tsx';
import { useFormat } from '../i18n/use-format.ts';
import { centralErrorText } from './error-text.ts';
import { liveFigures, seesLinkDetails } from './centre-figures.ts';
import { useCentralSession } from '../store/central-session-store.ts';
import { DateField } from '../ui/fields.tsx';

export function CentreDetail({ centre: c, onClose }: { centre: CentreLive; onClose: () => void }) {
  const { t } = useTranslation();
  const f = useFormat(c.timeZone);
  const central = useCentral();
  const today = c.day ?? businessDay(Date.now(), c.timeZone);
  const [day, setDay] = useState(today);
  const [summary, setSummary] = useState<{ data: DaySummary | null; error: unknown }>({ data: null, error: null });
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [c.id]);
  useEffect(() => {
    let live = true;
    setSummary({ data: null, error: null });
    central.daySummary(c.id, day).then((data) => live && setSummary({ data, error: null }), (error: unknown) => live && setSummary({ data: null, error }));
    return () => {
      live = false;
    };
  }, [central, c.id, day]);
  const v = liveFigures(c, t, f);
  // A manager reads the centre's service; how its link to central is doing is for the administrators.
  const details = seesLinkDetails(useCentralSession((s) => s.session?.user.role));
  const today_: [string, string, string?][] = [
    ['waiting', v.waiting], ['longestWait', v.longestWait], ['serviceLevel', v.serviceLevel, v.serviceLevelSmall ? t('league.smallSample') : undefined], ['issued', v.issued], ['served', v.served],
    ['counters', v.counters, v.onBreak], ['satisfaction', v.satisfaction, v.satisfactionSmall ? `${v.ratings} · ${t('league.smallSample')}` : v.ratings], ['lastSync', v.lastSync], ...(details ? [['syncLag', v.syncLag], ['backlog', v.backlog]] as [string, string][] : []),
  ];
  const s = summary.data;
  const sum = s && [
    ['issued', f.n(s.issued)], ['served', f.n(s.served)], ['noShow', f.n(s.noShow)], ['cancelled', f.n(s.cancelled)],
    ['waitMean', s.waitMean === null ? '—' : t('central.minutes', { n: f.n(s.waitMean, 1) })], ...(details ? [['events', f.n(s.events)]] as const : []),
  ] as const;
  return (
    <section className="card centre-detail" aria-labelledby="centre-detail-title" data-testid="centre-detail" data-branch={c.id}>
      <div className="detail-head">
        <h2 id="centre-detail-title" ref={heading} tabIndex={-1}>{f.name(c.name)}</h2>
        <button type="button" className="btn" onClick={onClose} data-testid="centre-detail-close">{t('central.detail.close')}</button>
      </div>
      <h3>{t('central.detail.today', { day: f.day(today) })}</h3>
      <div className="kpis">
        {today_.map(([k, value, note]) => (
          <div className="kpi" key={k}>
            <span className="kpi-value small-value"><bdi>{value}</bdi></span>
            <span className="kpi-label">{t(`central.kpi.${k}`)}</span>
            {note && <span className="fig-note">{note}</span>}
          </div>
        ))}
      </div>
      <div className="row detail-day">
        <h3>{t('central.detail.daySummary')}</h3>
        <label className="row">{t('central.detail.day')}
          <DateField className="field" value={day} max={today} data-testid="centre-day" onChange={setDay} />
        </label>
      </div>
      {summary.error !== null && <p className="error" role="alert">{centralErrorText(t, summary.error)}</p>}
      {!sum && summary.error === null && <p className="muted" role="status">{t('central.detail.loading')}</p>}
      {sum && (
        <div className="kpis" data-testid="centre-day-summary">
          {sum.map(([k, value]) => (
            <div className="kpi" key={k}><span className="kpi-value small-value" data-testid={`day-${k}`}>{value}</span><span className="kpi-label">{t(`central.detail.${k}`)}</span></div>
          ))}
        </div>
      )}
      {s && (s.services.length > 0
        ? (
          <table className="data" data-testid="centre-day-services">
            <caption>{t('central.detail.byService')}</caption>
            <thead><tr><th scope="col">{t('central.detail.service')}</th><th scope="col" className="num">{t('central.detail.issued')}</th><th scope="col" className="num">{t('central.detail.served')}</th><th scope="col" className="num">{t('central.detail.waitMean')}</th><th scope="col" className="num">{t('central.detail.serviceLevel')}</th></tr></thead>
            <tbody>
              {s.services.map((x) => (
                <tr key={x.serviceId} data-testid="centre-day-service" data-service={x.serviceId}>
                  <th scope="row">{f.name(x.name)}</th>
                  <td className="num">{f.n(x.issued)}</td>
                  <td className="num">{f.n(x.served)}</td>
                  <td className="num">{x.waitMean === null ? '—' : t('central.minutes', { n: f.n(x.waitMean, 1) })}</td>
                  <td className="num">{x.serviceLevel === null ? '—' : f.pct(x.serviceLevel)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )
        : s.issued > 0 && <p className="muted" data-testid="centre-day-no-services">{t('central.detail.noServices')}</p>)}
    </section>
  );
}
