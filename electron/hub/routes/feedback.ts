// Suggestions and complaints (README "Suggestions and complaints"). Public: file one and follow it
// by its reference (no sign-in; rate-limited per address; never the text or the contact back).
// Staff (supervisor, manager, admin): the inbox, assign, answer, close — each audited — and the
// dashboard's figures.
import { z } from 'zod';
import { businessDay } from '../../../shared/domain/business-day.ts';
import {
  AnswerFeedbackBody, AssignFeedbackBody, CloseFeedbackBody, FeedbackAssignee, FeedbackBody, FeedbackFiled, FeedbackListQuery,
  FeedbackSummary, PublicFeedback, ReferenceParams, ReopenFeedbackBody, StaffFeedback, groupReference, normalizeReference,
} from '../../../shared/protocol/feedback.ts';
import { Phone } from '../../../shared/protocol/appointments.ts';
import { type HubContext, audit } from '../context.ts';
import type { Api } from '../http/api.ts';
import { ApiError } from '../../node-common/http/errors.ts';
import type { FeedbackStore } from '../store/feedback-store.ts';
import type { Principal } from '../auth/auth-store.ts';
import type { AuditAction } from '../../../shared/protocol/audit.ts';

const STAFF = ['supervisor', 'manager', 'admin'] as const;
/** Per address, look-ups: enough to follow a few references, far too few to enumerate them. */
const FEEDBACK_READ_LIMIT = { max: 60, timeWindow: 60_000 };

const median = (xs: number[]): number | null => {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

export function feedbackRoutes(api: Api, ctx: HubContext, store: FeedbackStore): void {
  const now = () => new Date(ctx.hall.now()).toISOString();
  const refOf = (typed: string): string => normalizeReference(typed)!;
  const known = (ref: string) => {
    const item = store.staffView(ref);
    if (!item) throw new ApiError('not_found', 'no suggestion or complaint with this reference');
    return item;
  };
  /** One staff change: applied unless the item is closed (409) or unknown (404), then audited. */
  const change = (principal: Principal, typed: string, action: AuditAction, apply: (ref: string, at: string) => boolean, detail?: string) => {
    const ref = refOf(typed);
    if (!apply(ref, now())) {
      known(ref);
      throw new ApiError('illegal_transition', 'this item is closed');
    }
    audit(ctx, principal, action, ref, detail);
    return store.staffView(ref)!;
  };

  api.route(
    {
      method: 'POST', url: '/api/v1/public/feedback',
      summary: 'File a suggestion or complaint (no sign-in): category, text (≤ 2000 characters), optional contact; answers the reference to follow it by',
      access: 'public', body: FeedbackBody, responses: { 201: FeedbackFiled }, rateLimit: { max: ctx.feedbackPer10Minutes ?? 5, timeWindow: 10 * 60_000 }, bodyLimit: 16 * 1024,
    },
    ({ body, reply }) => {
      const ticket = body.trackingCode ? [...ctx.hall.state.tickets.values()].find((t) => t.trackingCode === body.trackingCode) : undefined;
      const filed = store.file({
        category: body.category, text: body.text, contact: body.contact, lang: body.lang ?? 'ar',
        serviceId: ticket?.serviceId, counterId: ticket?.counterId, ticketNumber: ticket?.number,
      }, now());
      reply.code(201);
      return { reference: filed.reference, status: filed.status, createdAt: filed.createdAt };
    },
  );

  api.route(
    {
      method: 'GET', url: '/api/v1/public/feedback/:reference',
      summary: 'Follow a suggestion or complaint by its reference: status, category, dates and the public answer (never the text or the contact)',
      access: 'public', params: ReferenceParams, responses: { 200: PublicFeedback }, rateLimit: FEEDBACK_READ_LIMIT, secretParam: 'reference',
    },
    ({ params }) => {
      const item = store.publicView(refOf(params.reference));
      if (!item) throw new ApiError('not_found', 'no suggestion or complaint with this reference');
      return item;
    },
  );

  api.route(
    { method: 'GET', url: '/api/v1/feedback', summary: 'The inbox: newest first, by status and category', access: STAFF, query: FeedbackListQuery, responses: { 200: z.array(StaffFeedback) } },
    ({ query }) => store.list(query),
  );

  api.route(
    { method: 'GET', url: '/api/v1/feedback/summary', summary: "The dashboard's figures: open now, new today, median hours to close over the last 30 days", access: STAFF, responses: { 200: FeedbackSummary } },
    () => {
      const t = ctx.hall.now();
      const tz = ctx.hall.state.branch.timeZone;
      const today = businessDay(t, tz);
      const byStatus = { open: 0, in_progress: 0, answered: 0, closed: 0 };
      const byCategory: Record<string, number> = {};
      for (const c of store.counts()) {
        byStatus[c.status] += c.n;
        if (c.status !== 'closed') byCategory[c.category] = (byCategory[c.category] ?? 0) + c.n;
      }
      const closed = store.closedSince(new Date(t - 30 * 86_400_000).toISOString());
      const hours = median(closed.map((c) => (Date.parse(c.closed_at) - Date.parse(c.created_at)) / 3_600_000));
      return {
        open: byStatus.open, inProgress: byStatus.in_progress, answered: byStatus.answered,
        newToday: store.createdSince(new Date(t - 36 * 3_600_000).toISOString()).filter((at) => businessDay(Date.parse(at), tz) === today).length,
        closedLast30Days: closed.length,
        medianHoursToClose: hours === null ? null : Math.round(hours * 10) / 10,
        byCategory,
        overdue: store.overdueCount(),
        deadlineWorkingDays: ctx.hall.state.config.feedbackDeadlineDays,
      };
    },
  );

  api.route(
    { method: 'GET', url: '/api/v1/feedback/assignees', summary: 'Staff an item may be assigned to (active supervisors, managers, admins)', access: STAFF, responses: { 200: z.array(FeedbackAssignee) } },
    () => ctx.auth.users().filter((u) => u.active && (STAFF as readonly string[]).includes(u.role))
      .map((u) => ({ id: u.id, username: u.username, role: u.role, ...(u.displayName ? { displayName: u.displayName } : {}) })),
  );

  api.route(
    { method: 'POST', url: '/api/v1/feedback/:reference/assign', summary: 'Assign to a staff member (an open item becomes in progress)', access: STAFF, params: ReferenceParams, body: AssignFeedbackBody, responses: { 200: StaffFeedback } },
    ({ params, body, principal }) => {
      const user = ctx.auth.userById(body.userId);
      if (!user || !user.active || !(STAFF as readonly string[]).includes(user.role)) throw new ApiError('invalid_input', 'body: userId is not an active supervisor, manager or admin');
      return change(principal, params.reference, 'feedback.assigned', (ref, at) => store.assign(ref, user.id, body.note, at), JSON.stringify({ assignee: user.username }));
    },
  );

  api.route(
    {
      method: 'POST', url: '/api/v1/feedback/:reference/answer',
      summary: "Answer the citizen once (shown on the follow-up page; sent by SMS when the contact left is a phone number of the hall's country): the item becomes answered and the answer is locked (a second: 409)",
      access: STAFF, params: ReferenceParams, body: AnswerFeedbackBody, responses: { 200: StaffFeedback },
    },
    async ({ params, body, principal }) => {
      const ref = refOf(params.reference);
      const before = known(ref);
      if (before.status === 'closed') throw new ApiError('illegal_transition', 'this item is closed');
      if (before.answer !== undefined) throw new ApiError('conflict', `this item was answered already${before.answeredBy ? ` by ${before.answeredBy}` : ''}: an answer is sent once`);
      const item = change(principal, ref, 'feedback.answered', (r, at) => store.answer(r, body.answer, principal.name, at));
      store.answerSent(ref, await tellCitizen(item));
      return store.staffView(ref)!;
    },
  );

  /** The citizen who left a phone number gets the answer by SMS, with the follow link; anything else: not sent. */
  async function tellCitizen(item: StaffFeedback): Promise<'sms' | 'none'> {
    const notifier = ctx.citizen?.notifier;
    const phone = item.contact ? Phone.safeParse(item.contact) : undefined;
    if (!notifier || !phone?.success || notifier.phoneProblem(phone.data)) return 'none';
    await notifier.send({ phone: phone.data }, 'answered', item.lang, { reference: groupReference(item.reference) }, `/feedback/${item.reference}`);
    return 'sms';
  }

  api.route(
    { method: 'POST', url: '/api/v1/feedback/:reference/close', summary: 'Close an item (its text and contact are purged after the retention period; it can be reopened until then)', access: STAFF, params: ReferenceParams, body: CloseFeedbackBody, responses: { 200: StaffFeedback } },
    ({ params, body, principal }) => change(principal, params.reference, 'feedback.closed', (ref, at) => store.close(ref, body.note, at)),
  );

  api.route(
    { method: 'POST', url: '/api/v1/feedback/:reference/reopen', summary: 'Reopen a closed item (back to answered, in progress or open, as it was), until its text is purged', access: STAFF, params: ReferenceParams, body: ReopenFeedbackBody, responses: { 200: StaffFeedback } },
    ({ params, body, principal }) => {
      const ref = refOf(params.reference);
      const item = known(ref);
      if (item.status !== 'closed') throw new ApiError('illegal_transition', 'this item is not closed');
      if (item.purged) throw new ApiError('illegal_transition', 'this item was closed long ago and its text is purged: it cannot be reopened');
      return change(principal, ref, 'feedback.reopened', (r, at) => store.reopen(r, body.note, at));
    },
  );
}
