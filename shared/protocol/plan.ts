// The staffing planner's API (GET /api/v1/plan): its query and its answer.
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
  hours: z.array(z.object({ hour: z.number().int(), needed: z.number().int(), roster: z.number().int(), services: z.array(ServiceHour) })),
});
export type PlanResponse = z.infer<typeof PlanResponse>;
