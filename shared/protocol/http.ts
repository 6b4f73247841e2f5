// HTTP bodies and responses of hub API v1 (brief §6), and the event-stream messages.
import { z } from 'zod';
import { Branch, Counter, DeviceRole, ExpectedWait, I18nText, Id, Lang, Priority, Service, StaffRole, Ticket, TicketStatus, User } from './entities.ts';

export const API_VERSION = 'v1';

export const ErrorCode = z.enum([
  'invalid_input', 'unauthorized', 'forbidden', 'not_found', 'illegal_transition', 'conflict', 'rate_limited', 'internal', 'unavailable',
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
export const PairBody = z.object({ code: z.string().min(4).max(32), name: z.string().min(1).max(80) }).strict();
export const PairResponse = z.object({ deviceId: z.string(), role: DeviceRole, token: z.string() });
export type PairResponse = z.infer<typeof PairResponse>;

/**
 * `idToken` is the HMAC pseudonym of an ID number made on the station (brief §8): 64 hex digits.
 * The raw number never crosses this boundary.
 */
export const IssueTicketBody = z.object({
  serviceId: Id,
  lang: Lang,
  priority: Priority.optional(),
  idToken: z.string().regex(/^[0-9a-f]{64}$/, 'a 64-hex-digit pseudonym').optional(),
}).strict();
export type IssueTicketBody = z.infer<typeof IssueTicketBody>;

export const CompleteBody = z.object({ outcome: z.string().min(1).max(40).optional(), note: z.string().max(500).optional() }).strict();
export const TransferBody = z.object({ serviceId: Id }).strict();
export const CallBody = z.object({ counterId: Id }).strict();
export const EmptyBody = z.object({}).strict();
export const RateBody = z.object({ rating: z.number().int().min(1).max(5), reason: z.string().max(200).optional() }).strict();

export const ServiceQueue = z.object({
  serviceId: z.string(),
  waiting: z.number().int(),
  longestWaitMinutes: z.number(),
});
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
  issuedAt: z.string(),
  /** Whether the citizen has already rated this visit. */
  rated: z.boolean(),
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
export const LiveStats = z.object({
  day: z.string(),
  overall: ServiceStats.omit({ serviceId: true, targetWaitMinutes: true, breached: true }),
  services: z.array(ServiceStats),
  counters: z.array(Counter),
  alerts: z.array(z.object({ serviceId: z.string(), longestWaitMinutes: z.number(), targetWaitMinutes: z.number() })),
  devices: z.array(z.object({ deviceId: z.string(), device: z.string(), state: z.string(), at: z.string(), detail: z.string().optional() })),
  /** Per hour of the business day (branch time): tickets issued, and the average wait of those called. */
  hourly: z.array(z.object({ hour: z.number().int(), issued: z.number().int(), avgWaitMinutes: z.number().nullable() })),
});
export type LiveStats = z.infer<typeof LiveStats>;

/** What a screen needs to draw the hall: sent first on the event stream. */
export const Snapshot = z.object({
  seq: z.number().int(),
  day: z.string(),
  branch: Branch,
  services: z.array(Service),
  counters: z.array(Counter),
  tickets: z.array(Ticket),
});
export type Snapshot = z.infer<typeof Snapshot>;

/** Server → client messages on `GET /api/v1/events`. Events are sent flat: `{kind:'event', seq, type, at, ...}`. */
export const StreamSnapshot = z.object({ kind: z.literal('snapshot'), snapshot: Snapshot });

export const NewStaffBody = z.object({
  username: z.string().min(3).max(64).regex(/^[a-z0-9._-]+$/, 'lower-case letters, digits, . _ -'),
  password: z.string().min(8).max(256),
  role: StaffRole,
  displayName: z.string().max(80).optional(),
}).strict();
export const ServiceBody = Service.omit({ id: true }).extend({ id: Id.optional() }).strict();
export const CounterBody = Counter.pick({ number: true, name: true, serviceIds: true }).extend({ id: Id.optional() }).strict();

export const DeviceHealthBody = z.object({
  device: z.string().min(1).max(40),
  state: z.enum(['connected', 'disconnected', 'paper_low', 'paper_out', 'cover_open', 'error']),
  detail: z.string().max(200).optional(),
}).strict();

export { Branch, Service, Counter, Ticket, User };
