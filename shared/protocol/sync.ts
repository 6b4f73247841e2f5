// Hall → central replication and central → hall catalogue (brief §10), as both sides check them.
//
// The hall's outbox is its own event log: it sends the events after the last seq central
// acknowledged, in order, in batches. Central writes a batch in one transaction, idempotent by
// (branch, seq): events it already holds are skipped, a batch that starts after a gap is refused
// (409) and the hall asks `GET /api/v1/sync/state` where to resume.
//
// What leaves the hall: the public part of each event only (shared/privacy/personal.ts). Central
// refuses an event that carries a tracking code, a clerk's note or a citizen's comment.
import { z } from 'zod';
import { I18nText, Id, Service } from './entities.ts';
import { humanText } from './text.ts';
import { CalendarDay } from './calendar.ts';

export const DayString = CalendarDay;

/** At most this many events in one push. */
export const MAX_BATCH = 1000;

export const EnrolBody = z.object({
  code: z.string().min(4).max(32),
  /** The hall's time zone (IANA), so central places its events on the right business day and hour. */
  timeZone: z.string().min(1).max(64),
  /** The hall's software version, for the dashboard. */
  version: z.string().max(32).optional(),
}).strict();
export type EnrolBody = z.infer<typeof EnrolBody>;

export const EnrolResponse = z.object({
  branchId: z.string(),
  municipalityId: z.string(),
  name: I18nText,
  /** The hall's own credential: shown once, stored hashed on central; writes only this branch. */
  credential: z.string(),
});
export type EnrolResponse = z.infer<typeof EnrolResponse>;

/** One event as it leaves the hall: its seq in the hall's log, its business day, its public body. */
export const SyncEvent = z.object({
  seq: z.number().int().positive(),
  day: DayString,
  event: z.record(z.string(), z.unknown()),
}).strict();
export type SyncEvent = z.infer<typeof SyncEvent>;

export const PushBody = z.object({
  /** The branch the events are of; when given it must be the credential's own (a hall writes only its branch). */
  branchId: z.string().optional(),
  /** The hall's log head when it sent this batch (the backlog central shows is head − acknowledged). */
  head: z.number().int().nonnegative(),
  events: z.array(SyncEvent).min(1).max(MAX_BATCH),
}).strict();
export type PushBody = z.infer<typeof PushBody>;

export const SyncState = z.object({ branchId: z.string(), ackedSeq: z.number().int().nonnegative() });
export type SyncState = z.infer<typeof SyncState>;

/**
 * A hall restored from a backup takes back what central holds after the backup's last seq:
 * `GET /api/v1/sync/events?after=S&limit=N` → the public part of its own events, in order.
 */
export const PullQuery = z.object({ after: z.coerce.number().int().nonnegative(), limit: z.coerce.number().int().min(1).max(MAX_BATCH).optional() }).strict();
export const PullResponse = z.object({ branchId: z.string(), ackedSeq: z.number().int().nonnegative(), events: z.array(SyncEvent) });
export type PullResponse = z.infer<typeof PullResponse>;

/** A municipality's catalogue: the services it defines once for its centres. */
export const CatalogueService = Service.extend({ name: I18nText, category: humanText({ max: 64 }) });
export const Catalogue = z.object({
  municipalityId: z.string(),
  /** Bumped on every change; the hall applies a version once. */
  version: z.number().int().nonnegative(),
  services: z.array(CatalogueService),
});
export type Catalogue = z.infer<typeof Catalogue>;
export const PutCatalogueBody = z.object({ services: z.array(CatalogueService).max(100) }).strict();

/** What the hall dashboard shows of its link to central. */
export const SyncStatus = z.object({
  enrolled: z.boolean(),
  central: z.string().optional(),
  branchId: z.string().optional(),
  ackedSeq: z.number().int(),
  head: z.number().int(),
  backlog: z.number().int(),
  lastSyncedAt: z.string().nullable(),
  lastError: z.string().nullable(),
  catalogueVersion: z.number().int().nullable(),
});
export type SyncStatus = z.infer<typeof SyncStatus>;

export const BranchId = Id;
