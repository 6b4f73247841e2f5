// One centre live on central's dashboard: the hall now, today so far, and its link to central.
import { useTranslation } from 'react-i18next';
import type { CentreLive } from '../../shared/protocol/central.ts';
import { useFormat } from '../i18n/use-format.ts';
import { isSyncLate, liveFigures, seesLinkDetails } from './centre-figures.ts';
import { useCentralSession } from '../store/central-session-store.ts';

export function CentreCard({ centre: c, municipality, selected, onOpen }: { centre: CentreLive; municipality: string | null; selected: boolean; onOpen: () => void }) {
  const { t } = useTranslation();
  // Times in the centre's own time zone: "last sync 14:02" is what its hall's clock said.
  const f = useFormat(c.timeZone);
  const v = liveFigures(c, t, f);
  const late = isSyncLate(c);
  const details = seesLinkDetails(useCentralSession((s) => s.session?.user.role));
  const headingId = `centre-${c.id}`;
  return (
    <article className={`centre-card${selected ? ' selected' : ''}`} aria-labelledby={headingId} data-testid="centre-card" data-branch={c.id}>
      <header className="centre-head">
        <h3 id={headingId}>{f.name(c.name)}</h3>
        <span className="muted small">{[municipality, f.name(c.district)].filter(Boolean).join(' · ')}</span>
      </header>
      <dl className="centre-figures">
        <div className="fig big"><dt>{t('central.kpi.waiting')}</dt><dd data-testid="centre-waiting">{v.waiting}</dd></div>
        <div className="fig"><dt>{t('central.kpi.longestWait')}</dt><dd>{v.longestWait}</dd></div>
        <div className="fig"><dt>{t('central.kpi.serviceLevel')}</dt><dd>{v.serviceLevel}</dd>{v.serviceLevelSmall && <dd className="fig-note"><span className="badge warn" data-testid="small-sample">{t('league.smallSample')}</span></dd>}</div>
        <div className="fig"><dt>{t('central.kpi.counters')}</dt><dd>{v.counters}</dd><dd className="fig-note">{v.onBreak}</dd></div>
        <div className="fig"><dt>{t('central.kpi.satisfaction')}</dt><dd>{v.satisfaction}</dd><dd className="fig-note">{v.ratings}{v.satisfactionSmall && <> <span className="badge warn" data-testid="small-sample">{t('league.smallSample')}</span></>}</dd></div>
        <div className="fig"><dt>{t('central.kpi.served')}</dt><dd>{v.served}</dd></div>
      </dl>
      <div className="centre-sync">
        {!c.enrolled
          ? <span className="badge">{t('central.notEnrolled')}</span>
          : <span className={`badge ${late ? 'bad' : 'ok'}`} data-testid="centre-sync">{late ? t('central.syncLate') : t('central.syncOk')}</span>}
        <span className="small">{t('central.kpi.lastSync')}: <bdi>{v.lastSync}</bdi></span>
        {details && <span className="small" data-testid="centre-sync-lag">{t('central.kpi.syncLag')}: <bdi>{v.syncLag}</bdi></span>}
        {details && <span className="small" data-testid="centre-backlog">{t('central.kpi.backlog')}: <bdi>{v.backlog}</bdi></span>}
      </div>
      <button type="button" className={selected ? 'btn-primary' : 'btn'} aria-pressed={selected} data-testid="centre-open" onClick={onOpen}>
        {t('central.openDetail')}<span className="sr-only">: {f.name(c.name)}</span>
      </button>
    </article>
  );
}
