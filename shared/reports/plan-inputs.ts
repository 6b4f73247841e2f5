// What the staffing planner learns from a range of days (GET /api/v1/plan): the days the hall was
// open (a day with at least one ticket), arrivals per service and hour of day, and per service the
// stints of service and their total time — read from the daily roll-ups (rollup.ts), every figure
// exact.
import type { RollupSet } from './rollup.ts';
import { type ReportQuery, eachRow } from './query.ts';

export interface PlanInputs {
  openDays: number;
  /** Service id → tickets issued in each hour of day (0–23) over the range. */
  arrivals: Map<string, number[]>;
  /** Service id → stints of service and their total, ms. */
  served: Map<string, { n: number; ms: number }>;
}

export function planInputs(set: RollupSet, range: Pick<ReportQuery, 'from' | 'to'>): PlanInputs {
  const days = new Set<string>();
  const arrivals = new Map<string, number[]>();
  const served = new Map<string, { n: number; ms: number }>();
  eachRow(set, range, (b, i) => {
    const service = b.serviceOf(i);
    const issued = b.issued[i]!;
    if (issued > 0) {
      days.add(b.day);
      let h = arrivals.get(service);
      if (!h) arrivals.set(service, (h = new Array<number>(24).fill(0)));
      h[b.hour[i]!]! += issued;
    }
    const n = b.stints[i]!;
    if (n > 0) {
      const a = served.get(service) ?? { n: 0, ms: 0 };
      a.n += n;
      a.ms += b.serviceSumMs[i]!;
      served.set(service, a);
    }
  });
  return { openDays: days.size, arrivals, served };
}
