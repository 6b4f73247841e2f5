// The shape of the hall's in-memory state for one business day: types only. The state is built
// and folded by fold.ts and read by routing, the expected-wait model and the views; this module
// imports nothing from any of them (brief §3: a module's types never live in a module that imports
// its readers), so the types of the state's parts that those readers define are here too
// (RoutingPolicy, read by routing.ts; UsualDay, learnt by eta-usual.ts).
import type { Branch, Counter, Service, Ticket } from '../protocol/entities.ts';
import type { EtaLearning } from './eta-learning.ts';

export interface HallConfig {
  routing: RoutingPolicy;
  /** Recalls allowed before a further recall marks the ticket a no-show. */
  recallLimit: number;
  /** Service time assumed before the day has taught us one, in minutes. */
  defaultServiceMinutes: number;
  /** Days personal data is kept before the hourly purge removes it. */
  retentionDays: number;
  /** Days a cancelled or missed appointment keeps its name and phone number (kept ones: `retentionDays`). */
  unusedAppointmentDays: number;
  /** Working days a suggestion or complaint may wait for its answer before it is overdue. */
  feedbackDeadlineDays: number;
}

export interface RoutingPolicy {
  /** Weight of a priority ticket's score (>= 1). */
  priorityFactor: number;
  /** A ticket that has waited this many times its target is overdue (> 1). */
  overdueFactor: number;
}

/** A ticket as the hub keeps it: the API ticket plus what routing needs. */
export interface TicketRecord extends Omit<Ticket, 'position' | 'expectedWait'> {
  /** Issue order of the day; breaks ties deterministically. */
  ordinal: number;
  /** Epoch ms of the original issue (kept across transfers): waiting time runs from here. */
  waitingSince: number;
  /** The quote given at issue (minutes), kept to measure its error. */
  quote?: { minMinutes: number; maxMinutes: number };
  /** A counter of its service was on break when it was quoted at issue (its error teaches the break offset, eta-calibration.ts). */
  quotedInBreak?: true;
  rating?: number;
  /** Epoch ms of `dueAt` (a checked-in appointment's slot start), for routing. */
  dueMs?: number;
}

/** Running sums per service, so KPIs and expected waits cost O(1) to read. */
export interface ServiceTally {
  issued: number;
  served: number;
  noShows: number;
  waitCount: number;
  waitSumMs: number;
  withinTarget: number;
  serviceCount: number;
  serviceSumMs: number;
  ratingCount: number;
  ratingSum: number;
}

/** One member of staff's day: what they recorded at the counters (folded from the events' `by`). */
export interface ClerkTally {
  served: number;
  noShows: number;
  transferred: number;
  /** Visits served with a start, and their summed service time. */
  timed: number;
  serviceMs: number;
  /** Completions per outcome code (`none` when completed without one). */
  outcomes: Map<string, number>;
}

export interface DeviceStatus {
  deviceId: string;
  device: string;
  state: string;
  at: string;
  detail?: string;
}

export interface HallState {
  day: string;
  branch: Branch;
  config: HallConfig;
  services: Map<string, Service>;
  counters: Map<string, Counter>;
  tickets: Map<string, TicketRecord>;
  /** Last number issued today per prefix. */
  lastNumber: Map<string, number>;
  tally: Map<string, ServiceTally>;
  /** Issued count and wait samples per hour of the day (0–23, branch time), for charts. */
  hourly: { issued: number; waitCount: number; waitSumMs: number }[];
  devices: Map<string, DeviceStatus>;
  /** What the expected-wait model has learnt today (eta-learning.ts). */
  learning: EtaLearning;
  /** Per member of staff (user id): today's outcomes, for the dashboard. */
  clerkDay: Map<string, ClerkTally>;
  /** The hall's usual day, learnt from the last business days (eta-usual.ts); kept across the day's rollover. */
  usual: UsualDay;
}

export interface UsualBreak {
  start: number;
  minutes: number;
  earliest: number;
  latest: number;
}

export interface UsualDay {
  /** Business days it was learnt from (0: nothing is known). */
  days: number;
  /**
   * Per service: the minutes a counter was held per ticket (call → let go) on those days, how many
   * tickets, and how many of today's tickets that usual time is worth as a prior (`weight`,
   * usualWeight in eta-usual.ts); `times`: the times themselves, ascending (at most 2,000, evenly
   * kept), the prior's shape.
   */
  held: Record<string, { mean: number; cv: number; n: number; weight: number; times?: readonly number[] }>;
  /**
   * Per counter: the spans of the day it was usually open for calls, [from, to) in minutes since
   * midnight, branch time — the slots in which it was open on most of the days.
   */
  open: Record<string, [number, number][]>;
  /**
   * Per counter: its usual breaks (minutes since midnight, branch time): its k-th break of the day
   * where it took one on most of the days it opened, at the median `start` and for the median
   * length (`minutes`) of those, and the spread of those days' k-th breaks (`earliest` start,
   * `latest` end). A break taken at another time each day leaves a shorter span closed on most days
   * than the break itself (or two), so the breaks are learnt from the breaks themselves; `open`
   * says when the counter opens and closes (and its other closures).
   */
  breaks?: Record<string, UsualBreak[]>;
}
