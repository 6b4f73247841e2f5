// The hall's report data in SQLite: a projection of the event log, kept per closed business day
// and always rebuildable from the log. Each closed day is folded once (shared/reports/facts.ts)
// into its daily roll-up (shared/reports/rollup.ts: one row per service, counter, clerk and hour,
// with 30-second histograms of waits and service times; stored as one BLOB per day, rollup-blob.ts)
// and its tickets' facts; every report is computed from the roll-ups. The per-ticket facts are read only where a report needs single
// tickets — the satisfaction report's comments, each ticket by its id — never for a whole range.
//
// Why per closed day: a day's events never change once the next day has opened (ratings, like
// everything else, are only accepted for today's tickets), so a closed day folded once stays equal
// to a fold from the log. Days are folded at start-up (any day missing, or folded by an older
// version of the fold) and when the hall opens a new day; today is folded and rolled up live from
// its events at each request (a few thousand events), so reports always include the last event.
//
// Closed days' roll-ups once read are kept in memory as typed columns (RollupBlock): a year of a
// busy hall (300k tickets) is some 15 MB that way, and a year-long report then reads no disk.
import type { Service } from '../../../shared/protocol/entities.ts';
import type { DomainEvent } from '../../../shared/protocol/events.ts';
import { type DayFacts, FOLD_VERSION, type MarkFact, createFold } from '../../../shared/reports/facts.ts';
import type { CommentFact } from '../../../shared/reports/query.ts';
import { type CounterTimeRow, RollupBlock, type RollupSet, rollupDay } from '../../../shared/reports/rollup.ts';
import type { RollupSource } from '../../../shared/reports/source.ts';
import type { Db } from '../store/database.ts';
import { decodeDay, encodeDay } from './rollup-blob.ts';

type Config = { services: Service[]; counters: { id: string; serviceIds: string[] }[] };
type Day = { block: RollupBlock; counters: CounterTimeRow[] };
/** Today's tickets come after every stored one (rowids) in the comments' order. */
const LIVE_ORDER = 2 ** 40;

export type FactStore = ReturnType<typeof createFactStore>;

export function createFactStore(db: Db, opts: { timeZone: () => string; today: () => string }) {
  const q = {
    days: db.prepare('SELECT day, MIN(seq) AS first, MAX(seq) AS last FROM events GROUP BY day ORDER BY day'),
    built: db.prepare('SELECT day, version FROM report_days'),
    ofDay: db.prepare('SELECT body FROM events WHERE day = ? ORDER BY seq'),
    configBefore: db.prepare("SELECT body FROM events WHERE seq < ? AND type IN ('service.saved', 'counter.saved') ORDER BY seq"),
    firstSeqOf: db.prepare('SELECT MIN(seq) AS s FROM events WHERE day = ?'),
    delTickets: db.prepare('DELETE FROM report_tickets WHERE day = ?'),
    delRollup: db.prepare('DELETE FROM report_day_rollups WHERE day = ?'),
    delMarks: db.prepare("DELETE FROM report_marks WHERE day = ? AND source = 'auto'"),
    insTicket: db.prepare('INSERT INTO report_tickets VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)'),
    insRollup: db.prepare('INSERT INTO report_day_rollups (day, rows, body) VALUES (?, ?, ?)'),
    insMark: db.prepare('INSERT INTO report_marks (day, source, kind, service_id, counter_id, label, created_by) VALUES (?, ?, ?, ?, ?, ?, ?)'),
    upDay: db.prepare('INSERT INTO report_days (day, version, last_seq) VALUES (?, ?, ?) ON CONFLICT(day) DO UPDATE SET version = excluded.version, last_seq = excluded.last_seq'),
    builtIn: db.prepare('SELECT day FROM report_days WHERE day BETWEEN ? AND ? ORDER BY day').pluck(),
    selRollup: db.prepare('SELECT body FROM report_day_rollups WHERE day = ?').pluck(),
    selMarks: db.prepare('SELECT day, kind, service_id, counter_id, label FROM report_marks WHERE day BETWEEN ? AND ? ORDER BY day, id').raw(),
    // A comment is personal: it sits in event_personal (purged after retention), not in the log.
    ratedIn: db.prepare("SELECT json_extract(e.body, '$.ticketId') AS ticketId, json_extract(p.body, '$.comment') AS comment FROM events e INDEXED BY events_rated JOIN event_personal p ON p.seq = e.seq WHERE e.day BETWEEN ? AND ? AND e.type = 'ticket.rated'"),
    // One ticket by its id (the primary key): the outcome side a comment is shown with.
    ticket: db.prepare('SELECT rowid, day, final_service_id, end_counter_id, end_clerk_id, rating FROM report_tickets WHERE id = ?').raw(),
  };

  const parse = (body: string) => JSON.parse(body) as DomainEvent;

  function configBefore(seq: number): Config {
    const services = new Map<string, Service>();
    const counters = new Map<string, string[]>();
    for (const body of q.configBefore.pluck().all(seq) as string[]) {
      const e = parse(body);
      if (e.type === 'service.saved') services.set(e.service.id, e.service);
      else if (e.type === 'counter.saved') counters.set(e.counter.id, e.counter.serviceIds);
    }
    return { services: [...services.values()], counters: [...counters.entries()].map(([id, serviceIds]) => ({ id, serviceIds })) };
  }

  function foldDay(day: string, config: Config, endAt?: number) {
    const fold = createFold({ timeZone: opts.timeZone(), services: config.services, counters: config.counters, day });
    for (const body of q.ofDay.pluck().all(day) as string[]) fold.add(parse(body));
    return { facts: fold.finish(endAt), next: { services: fold.services(), counters: fold.counters() } };
  }

  const cache = new Map<string, Day>();

  const writeDay = db.transaction((day: string, f: DayFacts, lastSeq: number) => {
    cache.delete(day);
    q.delTickets.run(day);
    q.delRollup.run(day);
    q.delMarks.run(day);
    for (const t of f.tickets) {
      q.insTicket.run(t.id, t.day, t.serviceId, t.finalServiceId, t.priority, t.issuedAt, t.hour, t.weekday, t.waitMs, t.targetMs, t.counterId, t.clerkId, t.outcome, t.endCounterId, t.endClerkId, t.transfers, t.quoteMin, t.quoteMax, t.rating);
    }
    const r = rollupDay(day, f);
    q.insRollup.run(day, r.rows.length, encodeDay(RollupBlock.fromRows(day, r.rows), r.counters));
    for (const m of f.marks) q.insMark.run(m.day, 'auto', m.kind, m.serviceId, m.counterId, m.label, null);
    q.upDay.run(day, FOLD_VERSION, lastSeq);
  });

  /** Folds every closed day that is missing or was folded by an older fold. Returns the days folded. */
  function buildMissing(): string[] {
    const today = opts.today();
    const built = new Map((q.built.all() as { day: string; version: number }[]).map((r) => [r.day, r.version]));
    const days = (q.days.all() as { day: string; first: number; last: number }[]).filter((d) => d.day < today);
    const todo = days.filter((d) => built.get(d.day) !== FOLD_VERSION);
    if (todo.length === 0) return [];
    let config = configBefore(todo[0]!.first);
    let i = days.indexOf(todo[0]!);
    const done: string[] = [];
    for (; i < days.length; i++) {
      const d = days[i]!;
      const { facts, next } = foldDay(d.day, config);
      if (built.get(d.day) !== FOLD_VERSION) {
        writeDay(d.day, facts, d.last);
        done.push(d.day);
      }
      config = next;
    }
    return done;
  }

  let live: { key: string; facts: DayFacts; day: Day } | null = null;
  /** The configuration before today's first event (a scan of the log: once a day). */
  let configAtStart: { first: number; config: Config } | null = null;
  /** Today, folded from its events and rolled up; open counters count up to now. Cached until the log grows. */
  function today(lastSeq: number, now: number) {
    const day = opts.today();
    const key = `${day}:${lastSeq}:${Math.floor(now / 60_000)}`;
    if (live?.key === key) return live;
    const first = (q.firstSeqOf.get(day) as { s: number | null }).s;
    if (first !== null && configAtStart?.first !== first) configAtStart = { first, config: configBefore(first) };
    const facts: DayFacts = first === null ? { tickets: [], services: [], counters: [], marks: [] } : foldDay(day, configAtStart!.config, now).facts;
    const r = rollupDay(day, facts);
    live = { key, facts, day: { block: RollupBlock.fromRows(day, r.rows), counters: r.counters } };
    return live;
  }

  function loadDay(day: string): Day {
    const body = q.selRollup.get(day) as Uint8Array | undefined;
    return body ? decodeDay(day, body) : { block: RollupBlock.fromRows(day, []), counters: [] };
  }

  function closedDay(day: string): Day {
    let d = cache.get(day);
    if (!d) cache.set(day, (d = loadDay(day)));
    return d;
  }

  function stored(from: string, to: string): { blocks: RollupBlock[]; counters: CounterTimeRow[]; marks: MarkFact[] } {
    const blocks: RollupBlock[] = [];
    const counters: CounterTimeRow[] = [];
    for (const day of q.builtIn.all(from, to) as string[]) {
      const d = closedDay(day);
      blocks.push(d.block);
      for (const c of d.counters) counters.push(c);
    }
    const marks = (q.selMarks.all(from, to) as unknown[][]).map((r) => ({ day: r[0] as string, kind: r[1] as MarkFact['kind'], serviceId: r[2] as string | null, counterId: r[3] as string | null, label: r[4] as string }));
    return { blocks, counters, marks };
  }

  /** Reads the closed days into memory a few at a time, so the first report over a year is fast too. */
  function warm(days = 5): boolean {
    const today = opts.today();
    const missing = (q.built.all() as { day: string }[]).map((r) => r.day).filter((d) => d < today && !cache.has(d));
    for (const d of missing.slice(0, days)) closedDay(d);
    return missing.length > days;
  }

  return {
    buildMissing,
    warm,
    /** The report source: the stored closed days plus today rolled up live. */
    source(lastSeq: () => number, now: () => number): RollupSource {
      return {
        rollups(from: string, to: string): RollupSet {
          const f = stored(from, to);
          const day = opts.today();
          if (day >= from && day <= to) {
            const t = today(lastSeq(), now());
            f.blocks.push(t.day.block);
            f.counters.push(...t.day.counters);
            // Today's configuration marks; manual marks of today are already stored.
            f.marks.push(...t.facts.marks);
          }
          return f;
        },
        comments(from: string, to: string): CommentFact[] {
          // Rating comments are personal: read where they are retained (event_personal, beside the
          // log), never copied into the facts. Missing (purged) comments are simply absent. Each
          // one's ticket is read by its id, in the order the days' tickets were folded.
          const day = opts.today();
          const liveTickets = day >= from && day <= to ? today(lastSeq(), now()).facts.tickets : [];
          const liveOrder = new Map(liveTickets.map((t, i) => [t.id, i]));
          const out: (CommentFact & { order: number })[] = [];
          for (const r of q.ratedIn.all(from, to) as { ticketId: string | null; comment: string | null }[]) {
            if (!r.ticketId || !r.comment) continue;
            const i = liveOrder.get(r.ticketId);
            if (i !== undefined) {
              const t = liveTickets[i]!;
              if (t.rating !== null) out.push({ order: LIVE_ORDER + i, day: t.day, serviceId: t.finalServiceId, counterId: t.endCounterId, clerkId: t.endClerkId, rating: t.rating, comment: r.comment });
              continue;
            }
            const t = q.ticket.get(r.ticketId) as [number, string, string, string | null, string | null, number | null] | undefined;
            if (t && t[5] !== null) out.push({ order: t[0], day: t[1], serviceId: t[2], counterId: t[3], clerkId: t[4], rating: t[5], comment: r.comment });
          }
          // A ticket rated twice has one comment: the last.
          const last = new Map<number, CommentFact & { order: number }>();
          for (const c of out) last.set(c.order, c);
          return [...last.values()].sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : a.order - b.order)).map(({ order: _, ...c }) => c);
        },
      };
    },
    addMark(m: { day: string; label: string; serviceId?: string; counterId?: string; by: string }): void {
      q.insMark.run(m.day, 'manual', 'manual', m.serviceId ?? null, m.counterId ?? null, m.label, m.by);
    },
    /** Memory the closed days take in the cache, bytes (roughly). */
    cachedBytes: () => [...cache.values()].reduce((a, d) => a + d.block.bytes, 0),
    /** For tests: every stored day with its version. */
    builtDays: () => q.built.all() as { day: string; version: number }[],
  };
}
