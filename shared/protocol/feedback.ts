// Suggestions and complaints (issue 14, item 4): the citizen's public form and its reference
// number, and the staff's inbox. The text and the contact are personal data (brief §8): the
// public view never carries them back, and they are purged after the retention period.
import { z } from 'zod';
import { Lang } from './entities.ts';
import { humanText } from './text.ts';

/**
 * What a citizen writes about, in the order the form offers them: a complaint about the service
 * (waiting, procedures), about a member of staff or about the building; a suggestion; praise; and
 * a municipal report like the 940 line (streets, lighting, waste) — which is not about the hall.
 */
export const FEEDBACK_CATEGORIES = ['service', 'staff', 'building', 'suggestion', 'praise', 'municipal_report'] as const;
export const FeedbackCategory = z.enum(FEEDBACK_CATEGORIES);
export type FeedbackCategory = z.infer<typeof FeedbackCategory>;

export const FEEDBACK_STATUSES = ['open', 'in_progress', 'answered', 'closed'] as const;
export const FeedbackStatus = z.enum(FEEDBACK_STATUSES);
export type FeedbackStatus = z.infer<typeof FeedbackStatus>;

export const FEEDBACK_TEXT_MAX = 2000;
export const FEEDBACK_ANSWER_MAX = 2000;

/**
 * A reference: 10 characters of an alphabet without look-alikes (no 0/O, 1/I/L), ~49 bits, so a
 * stranger cannot guess someone else's; shown as two groups of five (`K7M3Q-W9XRT`).
 */
export const REFERENCE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const REFERENCE_LENGTH = 10;

/** The reference as typed (any case, a dash or spaces between groups) → its stored form, or null. */
export function normalizeReference(typed: string): string | null {
  const s = typed.replace(/[\s-]/g, '').toUpperCase();
  if (s.length !== REFERENCE_LENGTH) return null;
  for (const c of s) if (!REFERENCE_ALPHABET.includes(c)) return null;
  return s;
}

/** `K7M3QW9XRT` → `K7M3Q-W9XRT`. */
export const groupReference = (ref: string): string => `${ref.slice(0, 5)}-${ref.slice(5)}`;

export const FeedbackBody = z.object({
  category: FeedbackCategory,
  text: humanText({ max: FEEDBACK_TEXT_MAX, multiline: true }),
  /** A phone number or an e-mail address, if the citizen wants an answer outside the page. */
  contact: humanText({ max: 120 }).optional(),
  lang: Lang.optional(),
  /** The ticket's tracking code, when filed from the tracking or rating page: links the service and counter. */
  trackingCode: z.string().regex(/^[0-9A-Z]{6,16}$/, 'a tracking code').optional(),
}).strict();
export type FeedbackBody = z.infer<typeof FeedbackBody>;

export const FeedbackFiled = z.object({ reference: z.string(), status: FeedbackStatus, createdAt: z.string() });
export type FeedbackFiled = z.infer<typeof FeedbackFiled>;

export const ReferenceParams = z.object({ reference: z.string().min(1).max(20).refine((s) => normalizeReference(s) !== null, 'a reference of 10 letters and digits') });

/** What anyone holding the reference sees: never the contact, the text or the staff's notes. */
export const PublicFeedback = z.object({
  reference: z.string(),
  category: FeedbackCategory,
  status: FeedbackStatus,
  createdAt: z.string(),
  updatedAt: z.string(),
  answeredAt: z.string().optional(),
  closedAt: z.string().optional(),
  /** The staff's answer to the citizen (absent until answered, and after the retention period). */
  answer: z.string().optional(),
});
export type PublicFeedback = z.infer<typeof PublicFeedback>;

/** Where the citizen was told of the answer: by SMS to the contact they left, or not at all (no contact, or not a phone number). */
export const AnswerSent = z.enum(['sms', 'none']);

/** The staff's view of one item. `text` and `contact` are absent once purged. */
export const StaffFeedback = PublicFeedback.extend({
  text: z.string().optional(),
  contact: z.string().optional(),
  lang: Lang,
  serviceId: z.string().optional(),
  counterId: z.string().optional(),
  ticketNumber: z.string().optional(),
  assignedTo: z.string().optional(),
  note: z.string().optional(),
  /** Who sent the answer (locked once sent), and whether the citizen was told by SMS. */
  answeredBy: z.string().optional(),
  answerSent: AnswerSent.optional(),
  /** Open or in progress beyond the hall's deadline (working days). */
  overdue: z.boolean(),
  purged: z.boolean(),
});
export type StaffFeedback = z.infer<typeof StaffFeedback>;

export const FeedbackListQuery = z.object({
  status: FeedbackStatus.optional(),
  category: FeedbackCategory.optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
}).strict();

export const AssignFeedbackBody = z.object({ userId: z.string().min(1).max(64), note: humanText({ max: 500, multiline: true }).optional() }).strict();
export const AnswerFeedbackBody = z.object({ answer: humanText({ max: FEEDBACK_ANSWER_MAX, multiline: true }) }).strict();
export const CloseFeedbackBody = z.object({ note: humanText({ max: 500, multiline: true }).optional() }).strict();
export const ReopenFeedbackBody = z.object({ note: humanText({ max: 500, multiline: true }).optional() }).strict();

export const FeedbackAssignee = z.object({ id: z.string(), username: z.string(), displayName: z.string().optional(), role: z.string() });
export type FeedbackAssignee = z.infer<typeof FeedbackAssignee>;

/** The dashboard's figures: what is open now, what came in today, and how long closing takes. */
export const FeedbackSummary = z.object({
  open: z.number().int(),
  inProgress: z.number().int(),
  answered: z.number().int(),
  newToday: z.number().int(),
  /** Closed in the last 30 days, and the median hours from filing to closing over them (null: none). */
  closedLast30Days: z.number().int(),
  medianHoursToClose: z.number().nullable(),
  byCategory: z.record(z.string(), z.number().int()),
  /** Open or in progress, not answered, for longer than the hall's deadline (working days). */
  overdue: z.number().int(),
  deadlineWorkingDays: z.number().int(),
});
export type FeedbackSummary = z.infer<typeof FeedbackSummary>;
