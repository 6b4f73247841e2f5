// GET /api/v1/plan?from=&to=&level=: the staffing planner (docs/hall-manager.md, "The staffing
// plan"): arrivals per service and hour of day and mean service times learnt from the daily
// roll-ups of the range, the usual day's breaks, and per hour the counters the hall needs as it
// works (pooled, simulated: the headline) beside each service's own need by Erlang C (the detail),
// today's roster and, where it has the counters but not the skills, the clerks to move.
import { staffingPlan, usualBreakShare } from '../../../shared/domain/staffing.ts';
import { PlanQueryParams, PlanResponse } from '../../../shared/protocol/plan.ts';
import type { HubContext } from '../context.ts';
import type { Api } from '../http/api.ts';

/** The last plans computed, by their inputs: the pooled need simulates hundreds of hours (1–3 s on
 * two cores), and a page asks again for the same inputs (another manager, a return to a range). */
const KEPT = 8;

export function planRoutes(api: Api, ctx: HubContext): void {
  const reports = ctx.reports;
  if (!reports) return;
  const kept = new Map<string, ReturnType<typeof staffingPlan>>();
  const planOf = (...args: Parameters<typeof staffingPlan>) => {
    const key = JSON.stringify(args);
    let plan = kept.get(key);
    if (plan) kept.delete(key);
    else plan = staffingPlan(...args);
    kept.set(key, plan); // the most recent last
    if (kept.size > KEPT) kept.delete(kept.keys().next().value!);
    return plan;
  };
  api.route(
    {
      method: 'GET', url: '/api/v1/plan',
      summary: "Staffing plan: arrivals per service and hour (mean per open day of the range, at most 366 days), mean service minutes and the usual day's breaks; per hour the counters the hall needs as it works (`hours[].counters`: its counters' skills pooled by the routing rule, simulated; never above the per-service sum) beside each service's need by Erlang C for level (default 0.8) called within the target wait, and today's roster: whether it meets the level and which clerks to move",
      access: ['supervisor', 'manager', 'admin'],
      query: PlanQueryParams,
      responses: { 200: PlanResponse },
    },
    ({ query }) => {
      // From the daily roll-ups (shared/reports/plan-inputs.ts).
      const { openDays, arrivals: counts, served } = reports.planInputs(query.from, query.to);
      const state = ctx.hall.state;
      const level = query.level ?? 0.8;
      const services = [...state.services.values()].filter((s) => s.active).map((s) => {
        const sv = served.get(s.id);
        const perDay = (counts.get(s.id) ?? Array<number>(24).fill(0)).map((n) => (openDays ? Math.round((n / openDays) * 100) / 100 : 0));
        return {
          serviceId: s.id, name: s.name, targetWaitMinutes: s.targetWaitMinutes,
          serviceMinutes: sv && sv.n > 0 ? Math.round((sv.ms / sv.n / 60_000) * 100) / 100 : state.config.defaultServiceMinutes,
          servedSamples: sv?.n ?? 0, arrivalsPerHour: perDay,
        };
      });
      const all = [...state.counters.values()];
      const open = all.filter((c) => c.state !== 'closed');
      const rosterCounters = (open.length ? open : all).map((c) => ({ counterId: c.id, serviceIds: c.serviceIds }));
      const palette = all.map((c) => c.serviceIds);
      const breakShare = usualBreakShare(state.usual);
      const plan = planOf(services, rosterCounters, level, { breakShare, palette, routing: state.config.routing });
      return {
        from: query.from, to: query.to, openDays, serviceLevel: level, roster: { source: open.length ? 'open' as const : 'configured' as const, counters: rosterCounters },
        services, breakShare, palette, hours: plan.hours,
      };
    },
  );
}
