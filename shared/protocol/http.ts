// HTTP bodies and responses of hub API v1 (brief §6), and the event-stream messages.
import { z } from 'zod';
import { SealedId } from './device-bridge.ts';
import { humanText } from './text.ts';
import { Branch, Counter, DeviceRole, ExpectedWait, I18nText, Id, Lang, Outcome, Priority, Service, StaffRole, Ticket, TicketStatus, User } from './entities.ts';

export const API_VERSION = 'v1';

export const ErrorCode = z.enum([
  'invalid_input', 'unauthorized', 'forbidden', 'not_found', 'illegal_transition', 'conflict', 'hall_closed', 'rate_limited', 'internal', 'unavailable',
  // Appointments (shared/protocol/appointments.ts): why a booking, a change or a check-in is refused.
  'slot_full', 'past_cutoff', 'too_early', 'too_late', 'cancelled', 'already_checked_in',
  // The citizen leaving the queue from the tracking page: too late, the ticket was called (or served).
  'already_called',
  // Transfers to a counter or a clerk (shared/domain/commands.ts): the counter is closed, the clerk
  // is not signed in at a counter, the ticket waits for another counter or clerk.
  'counter_closed', 'clerk_absent', 'reserved',
  // The hall's disk is full: nothing new can be recorded until space is freed (nothing recorded is lost).
  'storage_full',
]);
export type ErrorCode = z.infer<typeof ErrorCode>;
export const ErrorBody = z.object({ error: z.object({ code: ErrorCode, message: z.string() }) });
export type ErrorBody = z.infer<typeof ErrorBody>;

export const Health = z.object({ status: z.literal('ok'), version: z.string() });

export const LoginBody = z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(256) }).strict();
export const LoginResponse = z.object({ token: z.string(), expiresAt: z.string(), user: User });
export type LoginResponse = z.infer<typeof LoginResponse>;

export const ChangePasswordBody = z.object({ currentPassword: z.string().min(1).max(256), newPassword: z.string().min(8).max(256) }).strict();

export const PairingCodeBody = z.object({ role: DeviceRole }).strict();
export const PairingCodeResponse = z.object({ code: z.string(), expiresAt: z.string() });
export const PairBody = z.object({ code: z.string().min(4).max(32), name: humanText({ max: 80 }) }).strict();
export const PairResponse = z.object({ deviceId: z.string(), role: DeviceRole, token: z.string() });
export type PairResponse = z.infer<typeof PairResponse>;

/**
 * `idSealed` is the ID number the station's reader sealed for the hub (brief §8): only the hub can
 * open it; it keeps the HMAC pseudonym and forgets the number. A reading older than 5 minutes is refused.
 */
export const IssueTicketBody = z.object({
  serviceId: Id,
  lang: Lang,
  priority: Priority.optional(),
  idSealed: SealedId.optional(),
}).strict();
export type IssueTicketBody = z.infer<typeof IssueTicketBody>;

export const CompleteBody = z.object({ outcome: Outcome.optional(), note: humanText({ max: 500, multiline: true }).optional() }).strict();
/**
 * Transfer the ticket being served: to another service (`serviceId`), to one counter (`counterId`)
 * or to one clerk (`clerkId`, called wherever they are signed in), with an optional note for the
 * next clerk. At least one of the three; a counter or a clerk, not both. Without `serviceId` the
 * ticket keeps its service.
 */
export const TransferBody = z.object({
  serviceId: Id.optional(),
  counterId: Id.optional(),
  clerkId: Id.optional(),
  note: humanText({ max: 500, multiline: true }).optional(),
}).strict()
  .refine((b) => b.serviceId !== undefined || b.counterId !== undefined || b.clerkId !== undefined, 'give serviceId, counterId or clerkId')
  .refine((b) => b.counterId === undefined || b.clerkId === undefined, 'a counter or a clerk, not both');
export type TransferBody = z.infer<typeof TransferBody>;
export const CallBody = z.object({ counterId: Id }).strict();
export const EmptyBody = z.object({}).strict();
export const RateBody = z.object({ rating: z.number().int().min(1).max(5), reason: humanText({ max: 200, multiline: true }).optional() }).strict();

export const ServiceQueue = z.object({
  serviceId: z.string(),
  waiting: z.number().int(),
  longestWaitMinutes: z.number(),
  /** What a ticket issued now would be quoted; absent when no counter serves the service. */
  expectedWait: ExpectedWait.optional(),
  /**
   * Counters serving the service that are open now (a counter on a break counts: its clerk comes
   * back). 0: screens say "no counter open now" instead of the quote, which then assumes the
   * counters open at once.
   */
  countersOpen: z.number().int(),
  /**
   * How many a ticket issued now would have ahead of it: every waiting ticket call-next would take
   * before it at the counters that can call it (a ticket of another service counts for the share
   * of its counters that also serve this one). The kiosk's tile, the hall display, the ticket and
   * the tracking page all count so (shared/domain/routing.ts `aheadOf`).
   */
  ahead: z.number().int().optional(),
  /**
   * When nobody waits for the service and a new ticket would still wait, why: its counters are
   * busy with another service's citizens (`serviceId`: the one most of them are for) or with this
   * service's own, or on a break.
   */
  reason: z.object({ kind: z.enum(['busy', 'break']), serviceId: z.string().optional() }).optional(),
});
export type ServiceQueue = z.infer<typeof ServiceQueue>;
export const QueueResponse = z.object({
  tickets: z.array(Ticket),
  services: z.array(ServiceQueue),
});
export type QueueResponse = z.infer<typeof QueueResponse>;

export const TrackResponse = z.object({
  number: z.string(),
  service: I18nText,
  status: TicketStatus,
  position: z.number().int().optional(),
  expectedWait: ExpectedWait.optional(),
  counter: z.object({ number: z.number().int(), name: I18nText }).optional(),
  /** While called: how many times (1, then 2 after a recall…), so the page alerts on each call. */
  calls: z.number().int().optional(),
  issuedAt: z.string(),
  /** Whether the citizen has already rated this visit. */
  rated: z.boolean(),
  /** While waiting: counters open now for its service (see ServiceQueue.countersOpen); 0 means "no counter open now". */
  countersOpen: z.number().int().optional(),
  /** A transferred ticket (it keeps its number): the service it was last moved from. */
  transferredFrom: I18nText.optional(),
});
export type TrackResponse = z.infer<typeof TrackResponse>;

export const ServiceStats = z.object({
  serviceId: z.string(),
  waiting: z.number().int(),
  longestWaitMinutes: z.number(),
  avgWaitMinutes: z.number().nullable(),
  avgServiceMinutes: z.number().nullable(),
  served: z.number().int(),
  noShows: z.number().int(),
  /** Share of called tickets whose wait was within the service's target; null before the first call. */
  serviceLevel: z.number().nullable(),
  targetWaitMinutes: z.number(),
  breached: z.boolean(),
  avgRating: z.number().nullable(),
});
/** One member of staff's day (whoever recorded the outcomes: a clerk, or a supervisor at a counter). */
export const ClerkDay = z.object({
  clerkId: z.string(),
  /** Display name, else the username (filled by the hub; absent for an account that no longer exists). */
  name: z.string().optional(),
  /** The counter they are signed in at now (open or on break). */
  counterId: z.string().optional(),
  served: z.number().int(),
  noShows: z.number().int(),
  transferred: z.number().int(),
  /** Mean start → complete of the visits they served with a start, minutes; null before the first. */
  avgServiceMinutes: z.number().nullable(),
  /** Completions per outcome code (`none`: completed without one), most frequent first. */
  outcomes: z.array(z.object({ outcome: z.string(), count: z.number().int() })),
});
export type ClerkDay = z.infer<typeof ClerkDay>;

export const LiveStats = z.object({
  day: z.string(),
  overall: ServiceStats.omit({ serviceId: true, targetWaitMinutes: true, breached: true }),
  services: z.array(ServiceStats),
  counters: z.array(Counter),
  /** Services whose longest wait is over the target: by `longestWaitMinutes − targetWaitMinutes`. */
  alerts: z.array(z.object({ serviceId: z.string(), longestWaitMinutes: z.number(), targetWaitMinutes: z.number() })),
  /** Per member of staff today: everyone signed in at a counter now, and everyone who recorded an outcome. */
  clerks: z.array(ClerkDay),
  /** Each station's devices as last reported; `name` the station's (the hub fills it). */
  devices: z.array(z.object({ deviceId: z.string(), name: z.string().optional(), device: z.string(), state: z.string(), at: z.string(), detail: z.string().optional() })),
  /** Per hour of the business day (branch time): tickets issued, and the average wait of those called. */
  hourly: z.array(z.object({ hour: z.number().int(), issued: z.number().int(), avgWaitMinutes: z.number().nullable() })),
});
export type LiveStats = z.infer<typeof LiveStats>;

/**
 * What a screen needs to draw the hall, sized to its screen: sent first on the event stream.
 * `tickets` — staff: every ticket still in play and the 50 most recently finished (older ones:
 * `GET /api/v1/tickets?status=finished`); a hall display: the tickets at or parked by a counter and
 * the last calls; a kiosk: none. `queue`: per-service counts and the quote for a new ticket.
 */
export const Snapshot = z.object({
  seq: z.number().int(),
  day: z.string(),
  audience: z.enum(['staff', 'display', 'kiosk']),
  branch: Branch,
  services: z.array(Service),
  counters: z.array(Counter),
  tickets: z.array(Ticket),
  queue: z.array(ServiceQueue),
  /** Staff only: today's finished visits per counter (served, and the service time of those timed), for "my day". */
  counterDay: z.array(z.object({ counterId: z.string(), served: z.number().int(), timed: z.number().int(), serviceMs: z.number() })).optional(),
});
export type Snapshot = z.infer<typeof Snapshot>;

/**
 * Server → client messages on `GET /api/v1/events`. Events are sent flat: `{kind:'event', seq, type, at, ...}`;
 * `{kind:'queue', queue}` refreshes the per-service counts and quotes (at most once a second).
 */
export const StreamSnapshot = z.object({ kind: z.literal('snapshot'), snapshot: Snapshot });
export const StreamQueue = z.object({ kind: z.literal('queue'), queue: z.array(ServiceQueue) });

/** Staff at the counters (GET /api/v1/staff/clerks): active clerks and where each is signed in now. */
export const ClerkEntry = z.object({ id: z.string(), name: z.string(), counterId: z.string().optional() });
export type ClerkEntry = z.infer<typeof ClerkEntry>;

/** The supervisor's dashboard actions (POST /api/v1/dashboard/...). */
export const DashboardOpenBody = z.object({
  /** The clerk the counter is opened for; omitted only to end a break (the counter's own clerk). */
  clerkId: Id.optional(),
}).strict();
export const DashboardMoveBody = z.object({ serviceId: Id }).strict();

export const NewStaffBody = z.object({
  username: z.string().min(3).max(64).regex(/^[a-z0-9._-]+$/, 'lower-case letters, digits, . _ -'),
  password: z.string().min(8).max(256),
  role: StaffRole,
  displayName: humanText({ max: 80 }).optional(),
}).strict();
export const StaffPatchBody = z.object({
  role: StaffRole.optional(),
  displayName: humanText({ max: 80 }).optional(),
  active: z.boolean().optional(),
}).strict();
export const ResetPasswordBody = z.object({ password: z.string().min(8).max(256) }).strict();
const DateOrTime = z.string().regex(/^\d{4}-\d{2}-\d{2}(T[\d:.]+Z?)?$/, 'a date YYYY-MM-DD or an ISO time');
export const AuditQuery = z.object({
  actor: z.string().max(100).optional(),
  action: z.string().max(64).optional(),
  from: DateOrTime.optional(),
  to: DateOrTime.optional(),
  limit: z.coerce.number().int().min(1).max(1000).optional(),
}).strict();
export type AuditQuery = z.infer<typeof AuditQuery>;
export const ServiceBody = Service.omit({ id: true }).extend({ id: Id.optional() }).strict();
/** A counter serves at least one service: one with none would open and call nothing. */
export const CounterBody = Counter.pick({ number: true, name: true }).extend({ id: Id.optional(), serviceIds: z.array(Id).min(1, 'a counter serves at least one service') }).strict();

export const DeviceHealthBody = z.object({
  device: z.string().min(1).max(40),
  state: z.enum(['connected', 'disconnected', 'paper_low', 'paper_out', 'cover_open', 'error']),
  detail: humanText({ max: 200 }).optional(),
}).strict();

export { Branch, Service, Counter, Ticket, User };
