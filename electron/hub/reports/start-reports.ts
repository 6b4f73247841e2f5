// Wires the reports into the hub: folds the closed days missing from the fact store at start-up
// and again whenever the hall opens a new day, and serves reports from the facts.
import type { AuthStore } from '../auth/auth-store.ts';
import type { Hall } from '../hall.ts';
import type { Logger } from '../../node-common/log.ts';
import type { Db } from '../store/database.ts';
import { createFactStore } from './fact-store.ts';
import { createReportService } from './report-service.ts';

export function startReports(deps: { db: Db; hall: Hall; auth: AuthStore; log: Logger }) {
  const { db, hall, auth, log } = deps;
  const facts = createFactStore(db, { timeZone: () => hall.state.branch.timeZone, today: () => hall.state.day });
  const build = () => {
    const started = performance.now();
    try {
      const days = facts.buildMissing();
      if (days.length) log.info({ days: days.length, ms: Math.round(performance.now() - started) }, 'report facts folded from the event log');
    } catch (err) {
      // Reports must never stop the hall: the days stay missing and are folded at the next try.
      log.error({ err }, 'folding report facts failed');
    }
  };
  build();
  // Read the closed days into memory in small steps, between requests.
  let warming: NodeJS.Timeout | null = null;
  const warm = () => {
    warming = null;
    try {
      if (facts.warm(5)) warming = setTimeout(warm, 5);
    } catch (err) {
      log.error({ err }, 'reading report facts failed');
    }
  };
  warming = setTimeout(warm, 50);
  let timer: NodeJS.Immediate | null = null;
  const unsubscribe = hall.subscribe((events) => {
    if (!timer && events.some((e) => e.type === 'day.opened')) {
      timer = setImmediate(() => {
        timer = null;
        build();
      });
    }
  });
  const service = createReportService({
    source: facts.source(() => hall.lastSeq(), () => hall.now()),
    branch: () => hall.state.branch,
    services: () => hall.state.services.values(),
    counters: () => hall.state.counters.values(),
    staff: () => auth.users(),
    now: () => hall.now(),
  });
  return {
    service,
    facts,
    rebuild: build,
    addMark: facts.addMark,
    stop() {
      unsubscribe();
      if (timer) clearImmediate(timer);
      if (warming) clearTimeout(warming);
    },
  };
}
