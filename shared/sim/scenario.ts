// A hall day for the simulator (`./dawr simulate`), as a JSON file: services with their arrivals
// per hour, time at the counter and shares of priority tickets and no-shows; counters with the
// services they serve, their shifts and breaks. Examples: resources/scenarios/*.json.
import { z } from 'zod';

const clock = z.string().regex(/^\d{1,2}:\d{2}$/, 'a time of day, HH:MM');

export const ServiceTime = z.object({
  /** Mean minutes serving (start → complete). */
  mean: z.number().positive(),
  /** Coefficient of variation (log-normal); ignored for exponential. */
  cv: z.number().min(0).max(3).default(0.6),
  dist: z.enum(['lognormal', 'exponential']).default('lognormal'),
});

export const ScenarioService = z.object({
  id: z.string().regex(/^[A-Za-z0-9_-]+$/),
  prefix: z.string().regex(/^[A-Z]$/),
  name: z.object({ ar: z.string(), en: z.string() }).optional(),
  targetWaitMinutes: z.number().int().min(1),
  serviceTime: ServiceTime,
  /** Arrivals per hour, by the hour of day they start ("8": 30 = 30 an hour from 08:00 to 09:00). */
  arrivalsPerHour: z.record(z.string().regex(/^\d{1,2}$/), z.number().min(0)),
  /** Share of tickets with a priority need (elderly, disability, pregnancy). */
  priorityShare: z.number().min(0).max(1).default(0),
  /** Share of called citizens who do not come. */
  noShowShare: z.number().min(0).max(1).default(0),
});

export const ScenarioCounter = z.object({
  id: z.string().regex(/^[A-Za-z0-9_-]+$/),
  services: z.array(z.string()).min(1),
  /** [open, close] times of day. */
  shifts: z.array(z.tuple([clock, clock])).min(1),
  /** [time of day, minutes]: the clerk goes on break when the ticket in hand is done. */
  breaks: z.array(z.tuple([clock, z.number().positive()])).default([]),
});

export const Scenario = z.object({
  name: z.string(),
  description: z.string().default(''),
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).default('2026-03-01'),
  /** The branch's offset from UTC (the demo branch is Asia/Riyadh, +03:00, no summer time). */
  utcOffset: z.string().regex(/^[+-]\d{2}:\d{2}$/).default('+03:00'),
  timeZone: z.string().default('Asia/Riyadh'),
  /** The hall's prior time at the counter before the day has taught one (minutes). */
  defaultServiceMinutes: z.number().positive().default(6),
  routing: z.object({ priorityFactor: z.number().min(1), overdueFactor: z.number().gt(1) }).optional(),
  services: z.array(ScenarioService).min(1),
  counters: z.array(ScenarioCounter).min(1),
  /** No arrivals before this time of day (the doors open). */
  doorsOpen: clock.optional(),
  /** Multiplies every arrival rate. */
  arrivalScale: z.number().positive().default(1),
  /** Minutes from the call to the start of service (walking up), mean of an exponential. */
  walkMinutes: z.number().min(0).default(0.5),
  /** Minutes a free clerk takes to call when a ticket appears, mean of an exponential. */
  reactionMinutes: z.number().min(0).default(0.2),
  /** Minutes a clerk spends recalling a citizen who does not come, before marking the no-show. */
  noShowMinutes: z.number().min(0).default(2),
  /** Share of services a clerk forgets to complete for a while (the record is 5× as long). */
  outlierShare: z.number().min(0).max(1).default(0),
  /** A break begins up to this many minutes before or after its time (uniformly): clerks are not clockwork. */
  breakJitterMinutes: z.number().min(0).default(10),
  /** A counter at the end of its last shift keeps calling until nothing waits for it. */
  serveUntilEmpty: z.boolean().default(true),
});
export type Scenario = z.infer<typeof Scenario>;
export type ScenarioInput = z.input<typeof Scenario>;

/** Minutes since midnight of `HH:MM`. */
export const minutesOf = (hhmm: string): number => {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  return h * 60 + m;
};

export function parseScenario(input: unknown): Scenario {
  const s = Scenario.parse(input);
  const ids = new Set(s.services.map((x) => x.id));
  for (const c of s.counters) for (const id of c.services) if (!ids.has(id)) throw new Error(`counter ${c.id} serves unknown service ${id}`);
  return s;
}

/**
 * A single-service stationary M/M/s hall: `counters` counters open all day, exponential service
 * of `serviceMinutes`, Poisson arrivals at `load` × counters ÷ service time; no walking, no
 * no-shows, no priorities, no breaks — the case whose best possible estimate is known. With
 * `doorsOpen` before 08:00, citizens arrive from then and wait for the counters, which all open at
 * 08:00 (the best possible is still known: the time until then, plus the M/M/s wait beyond it).
 */
export function mmsScenario(opts: { counters: number; serviceMinutes: number; load: number; hours?: number; targetWaitMinutes?: number; doorsOpen?: string }): Scenario {
  const perHour = (opts.load * opts.counters * 60) / opts.serviceMinutes;
  const hours = opts.hours ?? 8;
  const arrivals: Record<string, number> = {};
  // Doors before 08:00: citizens arrive at the same rate from then, and wait for the counters to open.
  const first = opts.doorsOpen ? Math.min(8, Math.floor(minutesOf(opts.doorsOpen) / 60)) : 8;
  for (let h = first; h < 8 + hours; h++) arrivals[String(h)] = perHour;
  const close = `${String(8 + hours).padStart(2, '0')}:00`;
  return parseScenario({
    name: `M/M/${opts.counters}, load ${opts.load}`,
    description: 'single service, stationary, exponential service, all counters open all day',
    services: [{ id: 'one', prefix: 'A', targetWaitMinutes: opts.targetWaitMinutes ?? 15, serviceTime: { mean: opts.serviceMinutes, dist: 'exponential' }, arrivalsPerHour: arrivals }],
    counters: Array.from({ length: opts.counters }, (_x, i) => ({ id: `k${i + 1}`, services: ['one'], shifts: [['08:00', close]] })),
    walkMinutes: 0,
    reactionMinutes: 0,
    serveUntilEmpty: true,
    ...(opts.doorsOpen ? { doorsOpen: opts.doorsOpen } : {}),
  });
}

/** True when the best possible estimate is the M/M/s conditional expectation. */
export function isStationaryMms(s: Scenario): boolean {
  if (s.services.length !== 1) return false;
  const svc = s.services[0]!;
  const rates = new Set(Object.values(svc.arrivalsPerHour));
  return svc.serviceTime.dist === 'exponential' && rates.size === 1 && svc.priorityShare === 0 && svc.noShowShare === 0 && s.walkMinutes === 0
    && s.reactionMinutes === 0 && s.outlierShare === 0 && s.counters.every((c) => c.breaks.length === 0 && c.shifts.length === 1
      && c.shifts[0]![0] === s.counters[0]!.shifts[0]![0]);
}
