// Citizens' suggestions and complaints (README "Suggestions and complaints"): one row each, keyed
// by the reference the citizen follows it with. The text, contact, answer and staff note are
// personal data: `purge` empties them once an item has been closed longer than the retention.
import { randomInt } from 'node:crypto';
import type { Db } from './database.ts';
import {
  type FeedbackCategory, type FeedbackStatus, type PublicFeedback, type StaffFeedback,
  REFERENCE_ALPHABET, REFERENCE_LENGTH,
} from '../../../shared/protocol/feedback.ts';

type Row = {
  reference: string; category: FeedbackCategory; status: FeedbackStatus; lang: 'ar' | 'en';
  created_at: string; updated_at: string; answered_at: string | null; closed_at: string | null;
  service_id: string | null; counter_id: string | null; ticket_number: string | null; assigned_to: string | null;
  text: string | null; contact: string | null; answer: string | null; note: string | null; purged_at: string | null;
  answered_by: string | null; answer_sent: 'sms' | 'none' | null;
};

export interface NewFeedback {
  category: FeedbackCategory;
  text: string;
  contact?: string | undefined;
  lang: 'ar' | 'en';
  serviceId?: string | undefined;
  counterId?: string | undefined;
  ticketNumber?: string | undefined;
}

const newReference = (): string => Array.from({ length: REFERENCE_LENGTH }, () => REFERENCE_ALPHABET[randomInt(REFERENCE_ALPHABET.length)]).join('');

const opt = <K extends string, V>(k: K, v: V | null): { [P in K]?: V } => (v === null ? {} : ({ [k]: v } as { [P in K]?: V }));

function publicOf(r: Row): PublicFeedback {
  return {
    reference: r.reference, category: r.category, status: r.status, createdAt: r.created_at, updatedAt: r.updated_at,
    ...opt('answeredAt', r.answered_at), ...opt('closedAt', r.closed_at), ...opt('answer', r.answer),
  };
}

/** Whether an item still waiting for its answer (open or in progress) is past the hall's deadline. */
export type OverdueRule = (createdAt: string, status: FeedbackStatus) => boolean;

function staffOf(r: Row, overdue: OverdueRule): StaffFeedback {
  return {
    ...publicOf(r), lang: r.lang, purged: r.purged_at !== null, overdue: overdue(r.created_at, r.status),
    ...opt('text', r.text), ...opt('contact', r.contact), ...opt('serviceId', r.service_id), ...opt('counterId', r.counter_id),
    ...opt('ticketNumber', r.ticket_number), ...opt('assignedTo', r.assigned_to), ...opt('note', r.note),
    ...opt('answeredBy', r.answered_by), ...opt('answerSent', r.answer_sent),
  };
}

export type FeedbackStore = ReturnType<typeof createFeedbackStore>;

export function createFeedbackStore(db: Db, overdue: OverdueRule = () => false) {
  const q = {
    insert: db.prepare(`INSERT INTO feedback (reference, category, status, lang, created_at, updated_at, service_id, counter_id, ticket_number, text, contact)
      VALUES (@reference, @category, 'open', @lang, @at, @at, @serviceId, @counterId, @ticketNumber, @text, @contact)`),
    get: db.prepare('SELECT * FROM feedback WHERE reference = ?'),
    list: db.prepare(`SELECT * FROM feedback WHERE (@status IS NULL OR status = @status) AND (@category IS NULL OR category = @category)
      ORDER BY created_at DESC LIMIT @limit`),
    assign: db.prepare(`UPDATE feedback SET assigned_to = @userId, note = COALESCE(@note, note), updated_at = @at,
      status = CASE WHEN status = 'open' THEN 'in_progress' ELSE status END WHERE reference = @reference AND status <> 'closed'`),
    // An answer is sent once: the citizen has read it; a second one is refused (the route says 409).
    answer: db.prepare(`UPDATE feedback SET answer = @answer, answered_at = @at, answered_by = @by, updated_at = @at, status = 'answered'
      WHERE reference = @reference AND status <> 'closed' AND answer IS NULL`),
    answerSent: db.prepare('UPDATE feedback SET answer_sent = ? WHERE reference = ?'),
    close: db.prepare(`UPDATE feedback SET status = 'closed', closed_at = @at, updated_at = @at, note = COALESCE(@note, note) WHERE reference = @reference AND status <> 'closed'`),
    // Back to where it was before closing: answered if it has an answer, in progress if assigned, else open.
    reopen: db.prepare(`UPDATE feedback SET closed_at = NULL, updated_at = @at, note = COALESCE(@note, note),
      status = CASE WHEN answer IS NOT NULL THEN 'answered' WHEN assigned_to IS NOT NULL THEN 'in_progress' ELSE 'open' END
      WHERE reference = @reference AND status = 'closed' AND purged_at IS NULL`),
    waiting: db.prepare("SELECT created_at, status FROM feedback WHERE status IN ('open', 'in_progress')"),
    purge: db.prepare(`UPDATE feedback SET text = NULL, contact = NULL, answer = NULL, note = NULL, purged_at = @now
      WHERE closed_at IS NOT NULL AND closed_at < @cutoff AND purged_at IS NULL`),
    counts: db.prepare('SELECT status, category, COUNT(*) AS n FROM feedback GROUP BY status, category'),
    since: db.prepare('SELECT created_at FROM feedback WHERE created_at >= ?'),
    closedSince: db.prepare('SELECT created_at, closed_at FROM feedback WHERE closed_at >= ?'),
  };
  const get = (reference: string) => q.get.get(reference) as Row | undefined;

  return {
    /** Files an item; returns its new reference (a collision, ~never, just draws again). */
    file(f: NewFeedback, at: string): PublicFeedback {
      for (;;) {
        const reference = newReference();
        if (get(reference)) continue;
        q.insert.run({ reference, category: f.category, lang: f.lang, at, serviceId: f.serviceId ?? null, counterId: f.counterId ?? null, ticketNumber: f.ticketNumber ?? null, text: f.text, contact: f.contact ?? null });
        return publicOf(get(reference)!);
      }
    },
    publicView: (reference: string): PublicFeedback | undefined => {
      const r = get(reference);
      return r && publicOf(r);
    },
    staffView: (reference: string): StaffFeedback | undefined => {
      const r = get(reference);
      return r && staffOf(r, overdue);
    },
    list: (f: { status?: FeedbackStatus | undefined; category?: FeedbackCategory | undefined; limit?: number | undefined }): StaffFeedback[] =>
      (q.list.all({ status: f.status ?? null, category: f.category ?? null, limit: f.limit ?? 200 }) as Row[]).map((r) => staffOf(r, overdue)),
    /** Items waiting for an answer past the deadline. */
    overdueCount: (): number => (q.waiting.all() as { created_at: string; status: FeedbackStatus }[]).filter((r) => overdue(r.created_at, r.status)).length,
    /** Each change is refused (false) when the item is closed; the route tells unknown from closed. */
    assign: (reference: string, userId: string, note: string | undefined, at: string): boolean => q.assign.run({ reference, userId, note: note ?? null, at }).changes === 1,
    answer: (reference: string, answer: string, by: string, at: string): boolean => q.answer.run({ reference, answer, by, at }).changes === 1,
    /** Records whether the citizen was told of the answer (by SMS to their contact, or not). */
    answerSent: (reference: string, how: 'sms' | 'none'): void => void q.answerSent.run(how, reference),
    close: (reference: string, note: string | undefined, at: string): boolean => q.close.run({ reference, note: note ?? null, at }).changes === 1,
    reopen: (reference: string, note: string | undefined, at: string): boolean => q.reopen.run({ reference, note: note ?? null, at }).changes === 1,
    /** Empties the personal fields of items closed before `cutoff` (ISO time); returns how many. */
    purge: (cutoff: string, now: string): number => q.purge.run({ cutoff, now }).changes,
    counts: () => q.counts.all() as { status: FeedbackStatus; category: FeedbackCategory; n: number }[],
    createdSince: (iso: string) => (q.since.all(iso) as { created_at: string }[]).map((r) => r.created_at),
    closedSince: (iso: string) => q.closedSince.all(iso) as { created_at: string; closed_at: string }[],
  };
}
