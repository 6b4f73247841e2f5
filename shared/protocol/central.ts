// Central's API (brief §10): the municipality platform's staff, centres, dashboards and the
// public league table. The hall ↔ central replication is in sync.ts.
import { z } from 'zod';
import { I18nText, Id } from './entities.ts';
import { DayString } from './sync.ts';
import { humanText } from './text.ts';

/**
 * platform_admin: every municipality (the platform's own staff).
 * municipality_admin: their municipality: centres, enrolment, staff, catalogue.
 * municipality_manager: sees every centre of their municipality.
 * centre_manager: sees only their centre.
 */
export const CentralRole = z.enum(['platform_admin', 'municipality_admin', 'municipality_manager', 'centre_manager']);
export type CentralRole = z.infer<typeof CentralRole>;

export const CentralUser = z.object({
  id: z.string(),
  username: z.string(),
  role: CentralRole,
  displayName: z.string(),
  municipalityId: z.string().nullable(),
  branchId: z.string().nullable(),
});
export type CentralUser = z.infer<typeof CentralUser>;

export const CentralLoginResponse = z.object({ token: z.string(), expiresAt: z.string(), user: CentralUser });
export type CentralLoginResponse = z.infer<typeof CentralLoginResponse>;

export const Municipality = z.object({ id: z.string(), name: I18nText });
export type Municipality = z.infer<typeof Municipality>;
export const CreateMunicipalityBody = z.object({ id: Id, name: I18nText }).strict();

export const CreateUserBody = z.object({
  username: z.string().min(3).max(64).regex(/^[a-z0-9._-]+$/, 'lower-case letters, digits, . _ -'),
  password: z.string().min(8).max(256),
  role: CentralRole,
  displayName: humanText({ max: 80 }).optional(),
  municipalityId: z.string().optional(),
  branchId: z.string().optional(),
}).strict();

/** An account as its administrators see it (`GET /api/v1/users`). */
export const CentralAccount = CentralUser.extend({ active: z.boolean(), createdAt: z.string() });
export type CentralAccount = z.infer<typeof CentralAccount>;

/**
 * Edit an account: role, display name, enabled. Disabling it, or changing its role or centre, ends
 * its sessions. `branchId`: the centre of a centre manager (needed when making one).
 */
export const CentralUserPatchBody = z.object({
  role: CentralRole.optional(),
  displayName: humanText({ max: 80 }).optional(),
  active: z.boolean().optional(),
  branchId: z.string().max(64).optional(),
}).strict();
export type CentralUserPatchBody = z.infer<typeof CentralUserPatchBody>;

/** An administrator sets another account's password (its sessions end). */
export const CentralResetPasswordBody = z.object({ password: z.string().min(8).max(256) }).strict();
/** One's own password: the current one, and the new one. */
export const CentralChangePasswordBody = z.object({ currentPassword: z.string().min(1).max(256), newPassword: z.string().min(8).max(256) }).strict();
export const CentralSessionResponse = z.object({ token: z.string(), expiresAt: z.string() });

const DateOrTime = z.string().regex(/^\d{4}-\d{2}-\d{2}(T[\d:.]+Z?)?$/, 'a date YYYY-MM-DD or an ISO time');
/** Filters of the audit log: actor (id or username, or `ip:ADDRESS`), action (a prefix: `user.`), from/to (dates, UTC, `to` inclusive, or times), limit. */
export const CentralAuditQuery = z.object({
  actor: z.string().max(100).optional(),
  action: z.string().max(64).optional(),
  from: DateOrTime.optional(),
  to: DateOrTime.optional(),
  limit: z.coerce.number().int().min(1).max(1000).optional(),
}).strict();
export type CentralAuditQuery = z.infer<typeof CentralAuditQuery>;

/** One entry of central's audit log, newest first. */
export const CentralAuditEntry = z.object({
  id: z.number().int(),
  at: z.string(),
  /** A user id, or `ip:ADDRESS` for a failed sign-in. */
  actor: z.string(),
  actorName: z.string().nullable(),
  action: z.string(),
  target: z.string().nullable(),
  /** The username when the target is an account. */
  targetName: z.string().nullable(),
  detail: z.unknown(),
  /** The municipality the entry concerns (null: the platform's own). */
  municipalityId: z.string().nullable(),
});
export type CentralAuditEntry = z.infer<typeof CentralAuditEntry>;

/** A centre's district (its neighbourhood) in both languages; '' in both when it has none. */
export const DistrictText = z.object({ ar: humanText({ min: 0, max: 80 }), en: humanText({ min: 0, max: 80 }) })
  .describe("The centre's district in Arabic and in English (each '' when it has none); the league and its CSV show the one of the page's or the request's language");
export type DistrictText = z.infer<typeof DistrictText>;

export const CentreBody = z.object({
  municipalityId: z.string(),
  name: I18nText,
  district: z.union([
    DistrictText,
    humanText({ max: 80 }).transform((s) => ({ ar: s, en: s })).describe('One text for both languages (the form before districts were bilingual)'),
  ]).default({ ar: '', en: '' }).describe("The centre's district: {ar, en}, or one text used in both languages"),
}).strict();

export const Centre = z.object({
  id: z.string(),
  municipalityId: z.string(),
  name: I18nText,
  district: DistrictText,
  timeZone: z.string(),
  enrolled: z.boolean(),
  revoked: z.boolean(),
});
export type Centre = z.infer<typeof Centre>;

export const EnrolmentCode = z.object({ branchId: z.string(), code: z.string(), expiresAt: z.string() });

/** One centre live, on the central dashboard. */
export const CentreLive = Centre.extend({
  day: z.string().nullable(),
  waiting: z.number().int(),
  /** Minutes the longest-waiting citizen has waited so far; null when nobody waits. */
  longestWaitMinutes: z.number().nullable(),
  serviceLevel: z.number().nullable(),
  issued: z.number().int(),
  served: z.number().int(),
  countersOpen: z.number().int(),
  countersOnBreak: z.number().int(),
  satisfaction: z.object({ mean: z.number().nullable(), count: z.number().int() }),
  /** When central last received from this hall, and how far behind it is. */
  lastSyncAt: z.string().nullable(),
  syncLagSeconds: z.number().nullable(),
  backlog: z.number().int(),
});
export type CentreLive = z.infer<typeof CentreLive>;
export const DashboardResponse = z.object({ at: z.string(), municipalities: z.array(Municipality), centres: z.array(CentreLive) });
export type DashboardResponse = z.infer<typeof DashboardResponse>;

export const PeriodQuery = z.object({ from: DayString, to: DayString, municipality: z.string().optional() }).strict();

/** A centre's figures per day over a period (the dashboard's comparison). */
export const CompareRow = z.object({
  branchId: z.string(),
  day: z.string(),
  issued: z.number().int(),
  served: z.number().int(),
  serviceLevel: z.number().nullable(),
  waitMedian: z.number().nullable(),
  waitP90: z.number().nullable(),
  satisfaction: z.number().nullable(),
  /** The centre's today (in its time zone): the day is not over, its figures are so far. */
  partial: z.literal(true).optional(),
});
export const CompareResponse = z.object({ from: z.string(), to: z.string(), centres: z.array(Centre), rows: z.array(CompareRow) });
export type CompareResponse = z.infer<typeof CompareResponse>;

export const LeagueEntry = z.object({
  rank: z.number().int().nullable(),
  branchId: z.string(),
  municipalityId: z.string(),
  municipality: I18nText,
  name: I18nText,
  district: DistrictText,
  issued: z.number().int(),
  served: z.number().int(),
  serviceLevel: z.number().nullable(),
  waitMedian: z.number().nullable(),
  waitP90: z.number().nullable(),
  noShowShare: z.number().nullable(),
  satisfaction: z.object({ mean: z.number().nullable(), count: z.number().int() }),
  score: z.number().nullable(),
  smallSample: z.boolean(),
});
export type LeagueEntry = z.infer<typeof LeagueEntry>;
export const LeagueResponse = z.object({
  from: z.string(),
  to: z.string(),
  municipality: Municipality.nullable(),
  method: z.object({ minServed: z.number().int(), minRatings: z.number().int(), weights: z.object({ serviceLevel: z.number(), satisfaction: z.number() }) }),
  centres: z.array(LeagueEntry),
});
export type LeagueResponse = z.infer<typeof LeagueResponse>;

export const DaySummary = z.object({
  branchId: z.string(),
  day: z.string(),
  issued: z.number().int(),
  served: z.number().int(),
  noShow: z.number().int(),
  cancelled: z.number().int(),
  /** Minutes, issue → first call, over the tickets called. */
  waitMean: z.number().nullable(),
  events: z.number().int(),
  /**
   * The day service by service, folded from the day's events (empty once the day's month of the
   * log is archived): issued, served, mean wait (minutes) and the share called within the target.
   */
  services: z.array(z.object({
    serviceId: z.string(),
    name: I18nText,
    issued: z.number().int(),
    served: z.number().int(),
    waitMean: z.number().nullable(),
    serviceLevel: z.number().nullable(),
  })),
});
export type DaySummary = z.infer<typeof DaySummary>;
