// The hall's report facts in SQLite: a projection of the event log (shared/reports/facts.ts),
// kept per closed business day and always rebuildable from the log.
//
// Why per closed day: a day's events never change once the next day has opened (ratings, like
// everything else, are only accepted for today's tickets), so a closed day folded once stays
// equal to a fold from the log. Days are folded at start-up (any day missing, or folded by an
// older version of the fold) and when the hall opens a new day; today is folded live from its
// events at each request (a few thousand events), so reports always include the last event.
import type { Service } from '../../../shared/protocol/entities.ts';
import type { DomainEvent } from '../../../shared/protocol/events.ts';
import { type CounterFact, type DayFacts, FOLD_VERSION, type MarkFact, type ServiceFact, type TicketFact, createFold } from '../../../shared/reports/facts.ts';
import type { FactSource } from '../../../shared/reports/source.ts';
import type { Db } from '../store/database.ts';

type Config = { services: Service[]; counters: { id: string; serviceIds: string[] }[] };

export type FactStore = ReturnType<typeof createFactStore>;

export function createFactStore(db: Db, opts: { timeZone: () => string; today: () => string }) {
  const q = {
    days: db.prepare('SELECT day, MIN(seq) AS first, MAX(seq) AS last FROM events GROUP BY day ORDER BY day'),
    built: db.prepare('SELECT day, version FROM report_days'),
    ofDay: db.prepare('SELECT body FROM events WHERE day = ? ORDER BY seq'),
    configBefore: db.prepare("SELECT body FROM events WHERE seq < ? AND type IN ('service.saved', 'counter.saved') ORDER BY seq"),
    firstSeqOf: db.prepare('SELECT MIN(seq) AS s FROM events WHERE day = ?'),
    delTickets: db.prepare('DELETE FROM report_tickets WHERE day = ?'),
    delService: db.prepare('DELETE FROM report_service_times WHERE day = ?'),
    delCounter: db.prepare('DELETE FROM report_counter_time WHERE day = ?'),
    delMarks: db.prepare("DELETE FROM report_marks WHERE day = ? AND source = 'auto'"),
    insTicket: db.prepare('INSERT INTO report_tickets VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)'),
    insService: db.prepare('INSERT INTO report_service_times VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)'),
    insCounter: db.prepare('INSERT INTO report_counter_time VALUES (?, ?, ?, ?, ?, ?)'),
    insMark: db.prepare('INSERT INTO report_marks (day, source, kind, service_id, counter_id, label, created_by) VALUES (?, ?, ?, ?, ?, ?, ?)'),
    upDay: db.prepare('INSERT INTO report_days (day, version, last_seq) VALUES (?, ?, ?) ON CONFLICT(day) DO UPDATE SET version = excluded.version, last_seq = excluded.last_seq'),
    builtIn: db.prepare('SELECT day FROM report_days WHERE day BETWEEN ? AND ? ORDER BY day').pluck(),
    selTickets: db.prepare('SELECT * FROM report_tickets WHERE day = ?').raw(),
    selService: db.prepare('SELECT * FROM report_service_times WHERE day = ?').raw(),
    selCounter: db.prepare('SELECT * FROM report_counter_time WHERE day = ?').raw(),
    selMarks: db.prepare('SELECT day, kind, service_id, counter_id, label FROM report_marks WHERE day BETWEEN ? AND ? ORDER BY day, id').raw(),
    // A comment is personal: it sits in event_personal (purged after retention), not in the log.
    ratedIn: db.prepare("SELECT json_extract(e.body, '$.ticketId') AS ticketId, json_extract(p.body, '$.comment') AS comment FROM events e INDEXED BY events_rated JOIN event_personal p ON p.seq = e.seq WHERE e.day BETWEEN ? AND ? AND e.type = 'ticket.rated'"),
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

  // Closed days once read, kept in memory: their facts never change (a rebuild drops them here).
  // A year of a busy hall (300k tickets) is about 150 MB; reading it again from SQLite each time
  // would cost seconds.
  const cache = new Map<string, Omit<DayFacts, 'marks'>>();

  const writeDay = db.transaction((day: string, f: DayFacts, lastSeq: number) => {
    cache.delete(day);
    q.delTickets.run(day);
    q.delService.run(day);
    q.delCounter.run(day);
    q.delMarks.run(day);
    for (const t of f.tickets) {
      q.insTicket.run(t.id, t.day, t.serviceId, t.finalServiceId, t.priority, t.issuedAt, t.hour, t.weekday, t.waitMs, t.targetMs, t.counterId, t.clerkId, t.outcome, t.endCounterId, t.endClerkId, t.transfers, t.quoteMin, t.quoteMax, t.rating);
    }
    for (const s of f.services) q.insService.run(s.ticketId, s.seg, s.day, s.serviceId, s.counterId, s.clerkId, s.startedAt, s.ms, s.hour, s.weekday, s.ended);
    for (const c of f.counters) q.insCounter.run(c.day, c.counterId, c.clerkId, c.kind, c.from, c.ms);
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

  let live: { key: string; facts: DayFacts } | null = null;
  /** The configuration before today's first event (a scan of the log: once a day). */
  let configAtStart: { first: number; config: Config } | null = null;
  /** Today, folded from its events; open counters count up to now. Cached until the log grows. */
  function today(lastSeq: number, now: number): DayFacts {
    const day = opts.today();
    const key = `${day}:${lastSeq}:${Math.floor(now / 60_000)}`;
    if (live?.key === key) return live.facts;
    const first = (q.firstSeqOf.get(day) as { s: number | null }).s;
    if (first !== null && configAtStart?.first !== first) configAtStart = { first, config: configBefore(first) };
    const facts = first === null ? { tickets: [], services: [], counters: [], marks: [] } : foldDay(day, configAtStart!.config, now).facts;
    live = { key, facts };
    return facts;
  }

  function loadDay(day: string): Omit<DayFacts, 'marks'> {
    const tickets: TicketFact[] = (q.selTickets.all(day) as unknown[][]).map((r) => ({
      id: r[0] as string, day: r[1] as string, serviceId: r[2] as string, finalServiceId: r[3] as string, priority: r[4] as string,
      issuedAt: r[5] as number, hour: r[6] as number, weekday: r[7] as number, waitMs: r[8] as number | null, targetMs: r[9] as number,
      counterId: r[10] as string | null, clerkId: r[11] as string | null, outcome: r[12] as TicketFact['outcome'], endCounterId: r[13] as string | null,
      endClerkId: r[14] as string | null, transfers: r[15] as number, quoteMin: r[16] as number, quoteMax: r[17] as number, rating: r[18] as number | null,
    }));
    const services: ServiceFact[] = (q.selService.all(day) as unknown[][]).map((r) => ({
      ticketId: r[0] as string, seg: r[1] as number, day: r[2] as string, serviceId: r[3] as string, counterId: r[4] as string, clerkId: r[5] as string | null,
      startedAt: r[6] as number, ms: r[7] as number, hour: r[8] as number, weekday: r[9] as number, ended: r[10] as ServiceFact['ended'],
    }));
    const counters: CounterFact[] = (q.selCounter.all(day) as unknown[][]).map((r) => ({ day: r[0] as string, counterId: r[1] as string, clerkId: r[2] as string | null, kind: r[3] as CounterFact['kind'], from: r[4] as number, ms: r[5] as number }));
    return { tickets, services, counters };
  }

  function closedDay(day: string): Omit<DayFacts, 'marks'> {
    let f = cache.get(day);
    if (!f) cache.set(day, (f = loadDay(day)));
    return f;
  }

  function stored(from: string, to: string): DayFacts {
    const out: DayFacts = { tickets: [], services: [], counters: [], marks: [] };
    for (const day of q.builtIn.all(from, to) as string[]) {
      const f = closedDay(day);
      for (const t of f.tickets) out.tickets.push(t);
      for (const x of f.services) out.services.push(x);
      for (const c of f.counters) out.counters.push(c);
    }
    out.marks = (q.selMarks.all(from, to) as unknown[][]).map((r) => ({ day: r[0] as string, kind: r[1] as MarkFact['kind'], serviceId: r[2] as string | null, counterId: r[3] as string | null, label: r[4] as string }));
    return out;
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
    /** A source of facts for the report functions: the stored closed days plus today folded live. */
    source(lastSeq: () => number, now: () => number): FactSource {
      return {
        facts(from: string, to: string): DayFacts {
          const f = stored(from, to);
          const day = opts.today();
          if (day >= from && day <= to) {
            const t = today(lastSeq(), now());
            f.tickets.push(...t.tickets);
            f.services.push(...t.services);
            f.counters.push(...t.counters);
            // Today's configuration marks; manual marks of today are already stored.
            f.marks.push(...t.marks);
          }
          return f;
        },
        comments(from: string, to: string): Map<string, string> {
          // Rating comments are personal: read where they are retained (event_personal, beside the
          // log), never copied into the facts. Missing (purged) comments are simply absent.
          const out = new Map<string, string>();
          for (const r of q.ratedIn.all(from, to) as { ticketId: string | null; comment: string | null }[]) if (r.ticketId && r.comment) out.set(r.ticketId, r.comment);
          return out;
        },
      };
    },
    addMark(m: { day: string; label: string; serviceId?: string; counterId?: string; by: string }): void {
      q.insMark.run(m.day, 'manual', 'manual', m.serviceId ?? null, m.counterId ?? null, m.label, m.by);
    },
    /** For tests: every stored day with its version. */
    builtDays: () => q.built.all() as { day: string; version: number }[],
  };
}
