// The append-only event log and the projections written in the same transaction.
// One writer: only the hub process holds this object.
import { type PersonalPart, mergePersonal, splitPersonal } from '../../../shared/privacy/personal.ts';
import type { DomainEvent, SequencedEvent } from '../../../shared/protocol/events.ts';
import type { Timings } from '../timings.ts';
import type { Db } from './database.ts';

const STATUS_BY_EVENT: Partial<Record<DomainEvent['type'], string>> = {
  'ticket.called': 'called',
  'ticket.started': 'serving',
  'ticket.completed': 'done',
  'ticket.no_show': 'no_show',
  'ticket.transferred': 'waiting',
  'ticket.parked': 'parked',
  'ticket.cancelled': 'cancelled',
};

/** HMAC pseudonyms of citizens' ID numbers, by ticket id, for tickets issued with a card. */
export type Identities = ReadonlyMap<string, string>;

export type EventStore = ReturnType<typeof createEventStore>;

/** `onCommit`: each append's time (append + fsync, seconds) and its events, for GET /metrics. */
export function createEventStore(db: Db, timings?: Timings, onCommit?: (seconds: number, events: number) => void) {
  let lastSeq = (db.prepare('SELECT COALESCE(MAX(seq), 0) AS s FROM events').get() as { s: number }).s;
  const insertEvent = db.prepare('INSERT INTO events (seq, day, type, at, body) VALUES (?, ?, ?, ?, ?)');
  const insertTicket = db.prepare('INSERT INTO tickets (id, day, number, service_id, status, issued_at) VALUES (?, ?, ?, ?, ?, ?)');
  const updateStatus = db.prepare('UPDATE tickets SET status = ?, service_id = COALESCE(?, service_id) WHERE id = ?');
  const insertIdentity = db.prepare('INSERT INTO ticket_identity (ticket_id, id_token, created_at) VALUES (?, ?, ?)');
  const upsertService = db.prepare('INSERT INTO services (id, body, position) VALUES (?, ?, (SELECT COUNT(*) FROM services)) ON CONFLICT(id) DO UPDATE SET body = excluded.body');
  const upsertCounter = db.prepare('INSERT INTO counters (id, body, number) VALUES (?, ?, ?) ON CONFLICT(id) DO UPDATE SET body = excluded.body, number = excluded.number');
  const upsertSetting = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
  const insertPersonal = db.prepare('INSERT INTO event_personal (seq, day, body) VALUES (?, ?, ?)');
  // The log holds each event's public part; its personal part (tracking code, note, comment) sits
  // beside it until retention deletes it, and is merged back here while it exists.
  const withPersonal = 'SELECT e.seq, e.body, p.body AS personal FROM events e LEFT JOIN event_personal p ON p.seq = e.seq';
  const selectSince = db.prepare(`${withPersonal} WHERE e.seq > ? ORDER BY e.seq LIMIT ?`);
  const selectDay = db.prepare(`${withPersonal} WHERE e.day = ? ORDER BY e.seq`);
  const selectPublicSince = db.prepare('SELECT seq, day, body FROM events WHERE seq > ? ORDER BY seq LIMIT ?');
  const selectPublicDay = db.prepare('SELECT body FROM events WHERE day = ? ORDER BY seq');
  const selectDayBefore = db.prepare('SELECT MAX(day) AS day FROM events WHERE day < ?');
  const deleteIdentities = db.prepare('DELETE FROM ticket_identity WHERE created_at < ?');
  const deletePersonal = db.prepare('DELETE FROM event_personal WHERE day < ?');

  function project(e: DomainEvent, identities: Identities): void {
    switch (e.type) {
      case 'ticket.issued': {
        const t = e.ticket;
        insertTicket.run(t.id, t.day, t.number, t.serviceId, t.status, t.issuedAt);
        const idToken = identities.get(t.id);
        if (idToken) insertIdentity.run(t.id, idToken, e.at);
        return;
      }
      case 'service.saved':
        upsertService.run(e.service.id, JSON.stringify(e.service));
        return;
      case 'counter.saved':
        upsertCounter.run(e.counter.id, JSON.stringify(e.counter), e.counter.number);
        return;
      case 'hall.configured':
        // Read by the hall at start-up (hall.ts load), so the settings outlive the day they were saved.
        upsertSetting.run('hallSettings', JSON.stringify(e.settings));
        return;
      default: {
        const status = STATUS_BY_EVENT[e.type];
        if (status && 'ticketId' in e) updateStatus.run(status, e.type === 'ticket.transferred' ? e.toServiceId : null, e.ticketId);
      }
    }
  }

  const appendTx = db.transaction((events: DomainEvent[], day: string, identities: Identities): SequencedEvent[] => {
    let seq = lastSeq;
    const out: SequencedEvent[] = [];
    for (const e of events) {
      seq++;
      const eventDay = e.type === 'day.opened' ? e.day : day;
      const parts = splitPersonal(e);
      insertEvent.run(seq, eventDay, e.type, e.at, JSON.stringify(parts.public));
      if (parts.personal) insertPersonal.run(seq, eventDay, JSON.stringify(parts.personal));
      project(e, identities);
      out.push({ ...e, seq });
    }
    return out;
  });

  // Events taken back from central after a restore: their public part only, at the seq central has.
  const appendPublicTx = db.transaction((rows: { seq: number; day: string; event: DomainEvent }[]): number => {
    let seq = lastSeq;
    for (const r of rows) {
      if (r.seq !== seq + 1) throw new Error(`events from seq ${seq + 1} were expected, not ${r.seq}`);
      seq = r.seq;
      insertEvent.run(seq, r.day, r.event.type, r.event.at, JSON.stringify(splitPersonal(r.event).public));
      project(r.event, new Map());
    }
    return seq;
  });

  type Row = { seq: number; body: string; personal: string | null };
  const event = (x: Row) => {
    const e = JSON.parse(x.body) as DomainEvent;
    return { ...mergePersonal(e, x.personal ? (JSON.parse(x.personal) as PersonalPart) : undefined), seq: x.seq } as SequencedEvent;
  };
  const rows = (r: unknown[]) => (r as Row[]).map(event);

  return {
    get lastSeq() {
      return lastSeq;
    },
    /** Appends the events durably in one transaction; returns them with their seq. Throws and writes nothing on failure. */
    append(events: DomainEvent[], day: string, identities: Identities = new Map()): SequencedEvent[] {
      if (events.length === 0) return [];
      const t0 = timings?.on || onCommit ? performance.now() : 0;
      const out = appendTx.immediate(events, day, identities);
      if (timings?.on) timings.append(t0, events.length);
      onCommit?.((performance.now() - t0) / 1000, events.length);
      lastSeq = out[out.length - 1]!.seq;
      return out;
    },
    /**
     * Appends events that already have their seq (the public part central holds, after a restore),
     * in one transaction: they must follow the log's last seq without a gap.
     */
    appendPublic(rows: { seq: number; day: string; event: DomainEvent }[]): void {
      if (rows.length === 0) return;
      lastSeq = appendPublicTx.immediate(rows);
    },
    /** Events after `seq`, oldest first, at most `limit`. */
    since: (seq: number, limit = 10_000) => rows(selectSince.all(seq, limit)),
    ofDay: (day: string) => rows(selectDay.all(day)),
    /** The log's public part after `seq` (what may leave the hall: no personal part is joined), oldest first. */
    publicSince: (seq: number, limit: number) =>
      (selectPublicSince.all(seq, limit) as { seq: number; day: string; body: string }[]).map((r) => ({ seq: r.seq, day: r.day, event: JSON.parse(r.body) as DomainEvent })),
    /** The day's events one at a time, oldest first: a busy day is replayed without holding it all in memory. */
    eachOfDay(day: string, fn: (e: SequencedEvent) => void): void {
      for (const x of selectDay.iterate(day) as IterableIterator<Row>) fn(event(x));
    },
    /** The last `n` business days before `day` that have events, newest first. */
    daysBefore(day: string, n: number): string[] {
      const out: string[] = [];
      for (let d = day; out.length < n; ) {
        const r = selectDayBefore.get(d) as { day: string | null };
        if (!r.day) break;
        out.push((d = r.day));
      }
      return out;
    },
    /** The day's public events (no personal part), oldest first, read as they are consumed. */
    *publicOfDay(day: string): Generator<DomainEvent> {
      for (const x of selectPublicDay.iterate(day) as IterableIterator<{ body: string }>) yield JSON.parse(x.body) as DomainEvent;
    },
    /** Removes pseudonyms older than the retention period; returns how many. */
    purgeIdentities: (olderThanIso: string) => deleteIdentities.run(olderThanIso).changes,
    /** Removes the personal parts (tracking codes, notes, comments) of days before `day`; the anonymous log stays. */
    purgePersonal: (beforeDay: string) => deletePersonal.run(beforeDay).changes,
  };
}
