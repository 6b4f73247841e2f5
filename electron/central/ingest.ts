// Halls join (enrolment code → the hall's own credential) and replicate their event logs.
//
// A push is written in one transaction with the branch row locked, so two pushes of one hall are
// serialised: events up to the acknowledged seq are skipped (a repeated or overlapping batch
// changes nothing), a batch starting after a gap is refused with 409 and nothing written, and the
// acknowledged seq moves only with the rows it covers. The branch-days touched are marked for the
// fact builder in the same transaction. The rows travel with COPY straight into the log: under the
// branch row's lock only events after the acknowledged seq are sent, so none can already be there
// (if one were, the key refuses it, the transaction rolls back and the hall hears 409, as a
// staging table merged with ON CONFLICT would have said): the database's bulk-load speed, the
// same gate as before. Configuration events are kept apart as well (config_events), for the fact
// builder.
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { isValidTimeZone } from '../../shared/domain/business-day.ts';
import { splitPersonal } from '../../shared/privacy/personal.ts';
import { isRealInstant } from '../../shared/protocol/calendar.ts';
import { DomainEvent } from '../../shared/protocol/events.ts';
import type { EnrolBody, EnrolResponse, PushBody } from '../../shared/protocol/sync.ts';
import { ApiError } from '../node-common/http/errors.ts';
import { hashToken, newToken } from '../node-common/tokens.ts';
import { tx } from './db.ts';
import { ensurePartitions } from './partitions.ts';

const CONFIG_TYPES = new Set(['service.saved', 'counter.saved']);

/** A COPY text-format line: a backslash is the format's escape; JSON text holds no raw tab or newline. */
const copyLine = (branchId: string, e: CheckedEvent) => `${branchId}\t${e.seq}\t${e.day}\t${e.type}\t${e.at}\t${JSON.stringify(e.body).replace(/\\/g, '\\\\')}\n`;


export interface CheckedEvent {
  seq: number;
  day: string;
  type: string;
  at: string;
  body: DomainEvent;
}

/** Validates a batch without touching the database: in order, gap-free, each a domain event, nothing personal. */
export function checkBatch(body: PushBody): CheckedEvent[] {
  const out: CheckedEvent[] = [];
  body.events.forEach((x, i) => {
    if (i > 0 && x.seq !== body.events[i - 1]!.seq + 1) {
      throw new ApiError('invalid_input', `events[${i}]: seq ${x.seq} does not follow ${body.events[i - 1]!.seq}; a batch is consecutive events of the hall's log`);
    }
    const parsed = DomainEvent.safeParse(x.event);
    if (!parsed.success) throw new ApiError('invalid_input', `events[${i}] (seq ${x.seq}): not a Dawr event: ${parsed.error.issues[0]?.path.join('.') ?? ''} ${parsed.error.issues[0]?.message ?? ''}`.trim());
    const e = parsed.data;
    // Personal data stays in the hall (brief §8, §10): refuse rather than store it.
    // splitPersonal names every personal field of every event kind (a note, a transfer note, a
    // tracking code, a comment, an outcome that is not one of the five codes) — one rule with the hall.
    const personal = splitPersonal(e).personal;
    const extra = Object.keys(x.event).filter((k) => /^(idToken|pseudonym|phone|name|trackingCode)$/.test(k));
    if (personal || extra.length) {
      const fields = [...Object.keys(personal ?? {}), ...extra].join(', ');
      throw new ApiError('invalid_input', `events[${i}] (seq ${x.seq}): carries personal data (${fields}); it must stay in the hall`);
    }
    if (!isRealInstant(e.at)) throw new ApiError('invalid_input', `events[${i}] (seq ${x.seq}): at is not a time`);
    out.push({ seq: x.seq, day: x.day, type: e.type, at: e.at, body: e });
  });
  return out;
}

export function createIngest(pool: pg.Pool) {
  return {
    async enrol(body: EnrolBody, now: number, version?: string): Promise<EnrolResponse> {
      return tx(pool, async (c) => {
        const r = await c.query<{ id: string; municipality_id: string; name_ar: string; name_en: string; enrol_expires_at: Date }>(
          'SELECT id, municipality_id, name_ar, name_en, enrol_expires_at FROM branches WHERE enrol_code_hash = $1 AND revoked_at IS NULL FOR UPDATE',
          [hashToken(body.code.trim().toUpperCase())],
        );
        const b = r.rows[0];
        if (!b) throw new ApiError('unauthorized', 'this enrolment code is unknown or was already used: ask central for a new one');
        if (!isValidTimeZone(body.timeZone)) throw new ApiError('invalid_input', `body.timeZone: ${body.timeZone} is not a time zone`);
        if (b.enrol_expires_at.getTime() < now) throw new ApiError('unauthorized', 'this enrolment code has expired: ask central for a new one');
        const credential = newToken();
        // A hall enrolled again (a new machine) gets a new credential; the old one stops working.
        await c.query(
          `UPDATE branches SET credential_hash = $2, enrol_code_hash = NULL, enrol_expires_at = NULL, enrolled_at = $3, time_zone = $4, hub_version = $5 WHERE id = $1`,
          [b.id, hashToken(credential), new Date(now), body.timeZone, version ?? body.version ?? null],
        );
        await c.query('INSERT INTO audit (actor, action, target) VALUES ($1, $2, $3)', [`hall:${b.id}`, 'hall.enrolled', b.id]);
        return { branchId: b.id, municipalityId: b.municipality_id, name: { ar: b.name_ar, en: b.name_en }, credential };
      });
    },

    /** Where the hall resumes; asking counts as contact (the dashboard's "last synced"). */
    async ackedSeq(branchId: string, now: number): Promise<number> {
      const r = await pool.query<{ acked_seq: number }>('UPDATE branches SET last_push_at = $2 WHERE id = $1 RETURNING acked_seq', [branchId, new Date(now)]);
      return r.rows[0]?.acked_seq ?? 0;
    },

    /** The branch's events after `after`, oldest first (at most `limit`), and the seq central holds up to. */
    async eventsAfter(branchId: string, after: number, limit: number): Promise<{ ackedSeq: number; events: { seq: number; day: string; event: Record<string, unknown> }[] }> {
      const b = await pool.query<{ acked_seq: number }>('SELECT acked_seq FROM branches WHERE id = $1', [branchId]);
      const r = await pool.query<{ seq: number; day: string; body: Record<string, unknown> }>(
        'SELECT seq, day, body FROM events WHERE branch_id = $1 AND seq > $2 ORDER BY seq LIMIT $3',
        [branchId, after, limit],
      );
      return { ackedSeq: b.rows[0]?.acked_seq ?? 0, events: r.rows.map((x) => ({ seq: x.seq, day: x.day, event: x.body })) };
    },

    /** Writes a checked batch for `branchId`; returns the acknowledged seq. */
    async push(branchId: string, head: number, events: CheckedEvent[], now: number): Promise<{ ackedSeq: number; written: number }> {
      await ensurePartitions(pool, 'events', events.map((e) => e.day));
      return tx(pool, async (c) => {
        const r = await c.query<{ acked_seq: number; revoked_at: Date | null }>('SELECT acked_seq, revoked_at FROM branches WHERE id = $1 FOR UPDATE', [branchId]);
        const b = r.rows[0];
        if (!b || b.revoked_at) throw new ApiError('unauthorized', 'this hall credential was revoked');
        const acked = b.acked_seq;
        const first = events[0]!.seq;
        if (first > acked + 1) throw new ApiError('conflict', `gap: central holds this hall's events up to seq ${acked}; send from seq ${acked + 1}`);
        const fresh = events.filter((e) => e.seq > acked);
        if (fresh.length === 0) {
          await c.query('UPDATE branches SET hub_head = GREATEST(hub_head, $2), last_push_at = $3 WHERE id = $1', [branchId, head, new Date(now)]);
          return { ackedSeq: acked, written: 0 };
        }
        try {
          await pipeline(Readable.from([fresh.map((e) => copyLine(branchId, e)).join('')]), c.query(copyFrom('COPY events (branch_id, seq, day, type, at, body) FROM STDIN')));
        } catch (err) {
          if ((err as { code?: string }).code === '23505') throw new ApiError('conflict', `central already holds some of seq ${fresh[0]!.seq}–${fresh.at(-1)!.seq} beyond its acknowledged ${acked}; ask /api/v1/sync/state and resend`);
          throw err;
        }
        const config = fresh.filter((e) => CONFIG_TYPES.has(e.type));
        if (config.length) {
          await c.query('INSERT INTO config_events (branch_id, seq, type, body) SELECT $1, * FROM unnest($2::bigint[], $3::text[], $4::jsonb[]) ON CONFLICT DO NOTHING',
            [branchId, config.map((e) => e.seq), config.map((e) => e.type), config.map((e) => JSON.stringify(e.body))]);
        }
        const last = fresh.at(-1)!.seq;
        await c.query('UPDATE branches SET acked_seq = $2, hub_head = GREATEST(hub_head, $3, $2), last_push_at = $4 WHERE id = $1', [branchId, last, head, new Date(now)]);
        const days = [...new Set(fresh.map((e) => e.day))];
        // marked_at: when a built day was marked again (a day still waiting keeps its first mark);
        // the builder locks the row while it builds, so a mark never lands in the middle of a build.
        await c.query(
          `INSERT INTO branch_days (branch_id, day, marked_at) SELECT $1, unnest($2::date[]), $3
           ON CONFLICT (branch_id, day) DO UPDATE SET version = branch_days.version + 1,
             marked_at = CASE WHEN branch_days.built = branch_days.version THEN excluded.marked_at ELSE branch_days.marked_at END`,
          [branchId, days, new Date(now)],
        );
        return { ackedSeq: last, written: fresh.length };
      });
    },
  };
}

export type Ingest = ReturnType<typeof createIngest>;
