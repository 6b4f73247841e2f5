// How a centre's live figures read on central's screens (shared by the card and the detail).
import type { TFunction } from 'i18next';
import type { CentreLive } from '../../shared/protocol/central.ts';
import { LEAGUE_MIN_RATINGS, LEAGUE_MIN_SERVED } from '../../shared/reports/league.ts';
import type { useFormat } from '../i18n/use-format.ts';

type Format = ReturnType<typeof useFormat>;

/** A hall more than this far behind is shown as late. */
export const SYNC_LATE_SECONDS = 300;

export const isSyncLate = (c: CentreLive) => c.enrolled && (c.syncLagSeconds === null || c.syncLagSeconds > SYNC_LATE_SECONDS);

export function liveFigures(c: CentreLive, t: TFunction, f: Format) {
  const dash = '—';
  const lag = c.syncLagSeconds;
  return {
    waiting: f.n(c.waiting),
    longestWait: c.longestWaitMinutes === null ? dash : t('central.minutes', { n: f.n(c.longestWaitMinutes, 0) }),
    serviceLevel: c.serviceLevel === null ? dash : f.pct(c.serviceLevel),
    // As the league marks them: a share of few citizens served, a mean of few ratings.
    serviceLevelSmall: c.serviceLevel !== null && c.served < LEAGUE_MIN_SERVED,
    satisfactionSmall: c.satisfaction.mean !== null && c.satisfaction.count < LEAGUE_MIN_RATINGS,
    counters: f.n(c.countersOpen),
    onBreak: t('central.kpi.onBreak', { n: f.n(c.countersOnBreak) }),
    satisfaction: c.satisfaction.mean === null ? dash : f.n(c.satisfaction.mean, 1),
    ratings: t('central.kpi.ratings', { count: c.satisfaction.count, n: f.n(c.satisfaction.count) }),
    served: f.n(c.served),
    issued: f.n(c.issued),
    lastSync: c.lastSyncAt === null ? t('central.never') : f.time(c.lastSyncAt, true),
    syncLag: lag === null ? dash : lag < 120 ? t('central.seconds', { n: f.n(lag) }) : t('central.minutes', { n: f.n(Math.round(lag / 60)) }),
    backlog: t('central.events', { count: c.backlog, n: f.n(c.backlog) }),
  };
}

/**
 * Whether a role sees the link's internals (how far behind a centre's pushes are, how many events
 * wait, how many a day holds): the administrators who run the platform and enrol centres do; the
 * officials who read a centre's service (managers) see when its figures were last synced only.
 */
export function seesLinkDetails(role: string | undefined): boolean {
  return role === 'platform_admin' || role === 'municipality_admin';
}
