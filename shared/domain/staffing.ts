// The staffing planner (dashboard "Plan" page, GET /api/v1/plan): from the arrivals per service and
// hour of day (learnt from history or entered by hand) and the mean service time per service, the
// counters each service needs each hour so that a share (`serviceLevel`, e.g. 0.8) of citizens is
// called within the service's target wait — Erlang C, one service at a time (erlang.ts) — and what
// today's roster gives. A counter serving several services is shared between them in proportion
// to their work that hour; the needs of the services are added up (a multi-skill hall pools its
// queues, so it needs at most that many).
import { countersNeeded, erlangC, offeredLoad } from './erlang.ts';

export interface StaffingService {
  serviceId: string;
  targetWaitMinutes: number;
  /** Mean service minutes. */
  serviceMinutes: number;
  /** Arrivals per hour, index = hour of day 0–23. */
  arrivalsPerHour: number[];
}

export interface RosterCounter {
  counterId: string;
  serviceIds: string[];
}

export interface ServiceHour {
  serviceId: string;
  arrivalsPerHour: number;
  /** Counters this service needs alone to meet the target. */
  needed: number;
  /** The service level and mean wait with that many. */
  serviceLevel: number;
  meanWaitMinutes: number;
  /** Today's roster's share of counters for this service (fractional), and what it gives (rounded to whole counters). */
  roster: number;
  rosterServiceLevel: number;
  rosterMeanWaitMinutes: number | null;
}

export interface PlanHour {
  hour: number;
  needed: number;
  roster: number;
  services: ServiceHour[];
}

export interface StaffingPlan {
  serviceLevel: number;
  hours: PlanHour[];
}

export function staffingPlan(services: StaffingService[], roster: RosterCounter[], serviceLevel: number): StaffingPlan {
  const hours: PlanHour[] = [];
  for (let hour = 0; hour < 24; hour++) {
    const active = services.filter((s) => (s.arrivalsPerHour[hour] ?? 0) > 0);
    if (active.length === 0) continue;
    const work = new Map(active.map((s) => [s.serviceId, offeredLoad({ arrivalsPerHour: s.arrivalsPerHour[hour]!, serviceMinutes: s.serviceMinutes })]));
    // Each counter of the roster is split between the services it serves, by their work this hour.
    const share = new Map<string, number>();
    for (const c of roster) {
      const mine = c.serviceIds.filter((id) => (work.get(id) ?? 0) > 0);
      const total = mine.reduce((a, id) => a + work.get(id)!, 0);
      for (const id of mine) share.set(id, (share.get(id) ?? 0) + work.get(id)! / total);
    }
    const rows = active.map((s): ServiceHour => {
      const input = { arrivalsPerHour: s.arrivalsPerHour[hour]!, serviceMinutes: s.serviceMinutes };
      const need = countersNeeded({ ...input, targetWaitMinutes: s.targetWaitMinutes, serviceLevel });
      const rosterShare = share.get(s.serviceId) ?? 0;
      const whole = Math.round(rosterShare);
      const given = whole > 0 ? erlangC(whole, input, s.targetWaitMinutes) : null;
      return {
        serviceId: s.serviceId, arrivalsPerHour: input.arrivalsPerHour, needed: need.counters, serviceLevel: need.serviceLevel, meanWaitMinutes: need.meanWaitMinutes,
        roster: rosterShare, rosterServiceLevel: given ? given.serviceLevel : 0, rosterMeanWaitMinutes: given && Number.isFinite(given.meanWaitMinutes) ? given.meanWaitMinutes : null,
      };
    });
    hours.push({ hour, needed: rows.reduce((a, r) => a + r.needed, 0), roster: roster.filter((c) => c.serviceIds.some((id) => work.has(id))).length, services: rows });
  }
  return { serviceLevel, hours };
}
