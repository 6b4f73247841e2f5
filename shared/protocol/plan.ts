// The staffing planner's API (GET /api/v1/plan): its query and its answer — per hour, the pooled
// need of the hall as it works (`counters`, the headline), beside Erlang C per service (the detail).
import { z } from 'zod';
import { ReportQueryParams } from './reports.ts';

export const PlanQueryParams = z.object({
  from: ReportQueryParams.shape.from,
  to: ReportQueryParams.shape.to,
  /** Share of citizens to be called within their service's target wait (0.5–0.99); default 0.8. */
  level: z.coerce.number().min(0.5).max(0.99).optional(),
}).strict();
export type PlanQueryParams = z.infer<typeof PlanQueryParams>;

const ServiceHour = z.object({
  serviceId: z.string(),
  arrivalsPerHour: z.number(),
  needed: z.number().int(),
  serviceLevel: z.number(),
  meanWaitMinutes: z.number(),
  roster: z.number(),
  rosterServiceLevel: z.number(),
  rosterMeanWaitMinutes: z.number().nullable(),
});

export const PlanResponse = z.object({
  from: z.string(),
  to: z.string(),
  /** Business days in the range with at least one ticket: arrivals are per such day. */
  openDays: z.number().int(),
  serviceLevel: z.number(),
  /** Today's roster: the counters open (or on break) now, else every configured counter. */
  roster: z.object({ source: z.enum(['open', 'configured']), counters: z.array(z.object({ counterId: z.string(), serviceIds: z.array(z.string()) })) }),
  services: z.array(z.object({
    serviceId: z.string(),
    name: z.object({ ar: z.string(), en: z.string() }),
    targetWaitMinutes: z.number(),
    /** Mean service minutes (start → complete) over the range, or the hall's prior when none. */
    serviceMinutes: z.number(),
    servedSamples: z.number().int(),
    /** Mean arrivals per open day, by hour of day 0–23. */
    arrivalsPerHour: z.array(z.number()).length(24),
  })),
  /** Share (0–1) of a counter's hour spent on breaks, by hour of day, from the hall's usual day (the last five business days). */
  breakShare: z.array(z.number()).length(24).describe("Share (0–1) of a counter's hour spent on breaks, by hour of day 0–23, from the hall's usual day (the last five business days); the pooled need counts it"),
  /** The skills a counter can have: the services of each configured counter. */
  palette: z.array(z.array(z.string())).describe('The skill sets the pooled need is built from: the services of each configured counter'),
  hours: z.array(z.object({
    hour: z.number().int(),
    counters: z.number().int().describe("The headline: counters the hall needs this hour as it works — counters with their skills calling from one pool of queues by the routing rule, with the usual day's breaks — the fewest found by simulating the hour that call the level of each service's citizens within its target wait; never above `needed`"),
    mix: z.array(z.array(z.string())).describe('The skills of those counters: for each, the services (with citizens this hour) it serves'),
    needed: z.number().int().describe('The sum of each service\'s own need by Erlang C (as if every service had counters of its own): the detail, and the most the headline can be'),
    roster: z.number().int().describe("Counters of today's roster that serve a service with citizens this hour"),
    rosterMeets: z.boolean().describe("Whether today's roster, with its counters' skills as they are, meets the level this hour (simulated as the headline is)"),
    moves: z.array(z.object({ counterId: z.string(), from: z.array(z.string()), to: z.array(z.string()) })).describe("When today's roster has the counters but not the skills: the counters whose clerks to move from some services to others so that it meets the level (empty otherwise)"),
    services: z.array(ServiceHour).describe('Per service, Erlang C on its own: the counters it needs alone, and what its share of today\'s roster gives'),
  })),
});
export type PlanResponse = z.infer<typeof PlanResponse>;
