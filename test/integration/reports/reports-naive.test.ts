// The reports over a generated multi-day history (written through the real domain code and event
// store) equal a second, naive computation straight from the raw events, written here from the
// definitions in docs/hall-manager.md and sharing no code with shared/reports. The last day is
// rolled up live (as "today"), the others come from the stored daily roll-ups, which equal a
// rebuild from the log. Medians and 90th percentiles come from the roll-ups' 30-second bins: within
// 0.25 min of the exact nearest-rank figure (the bound is 0.5); everything else is exact.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_BRANCH, DEMO_COUNTERS, DEMO_SERVICES } from '../../../electron/hub/demo.ts';
import { createFactStore } from '../../../electron/hub/reports/fact-store.ts';
import { generateHistory } from '../../../electron/hub/reports/history.ts';
import { type Db, openDatabase } from '../../../electron/hub/store/database.ts';
import { createEventStore } from '../../../electron/hub/store/event-store.ts';
import { computeReport } from '../../../shared/reports/reports.ts';
import type { RollupSource } from '../../../shared/reports/source.ts';

const FROM = '2026-03-01';
const TO = '2026-03-12';
const TODAY = TO;
const TZ = DEMO_BRANCH.timeZone;

let dir: string;
let db: Db;
let source: RollupSource;
let raw: any[];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'dawr-reports-'));
  db = openDatabase(join(dir, 'dawr.sqlite'));
  const events = createEventStore(db);
  events.append([
    ...DEMO_SERVICES.map((service) => ({ type: 'service.saved' as const, at: '2026-02-27T05:00:00.000Z', service })),
    ...DEMO_COUNTERS.map((counter) => ({ type: 'counter.saved' as const, at: '2026-02-27T05:00:00.000Z', counter })),
  ], '2026-02-27');
  generateHistory({
    events, branch: DEMO_BRANCH, services: DEMO_SERVICES, counters: DEMO_COUNTERS,
    clerks: new Map(DEMO_COUNTERS.map((c, i) => [c.id, `u-clerk${i + 1}`])),
    from: FROM, to: TO, ticketsPerDay: 260, seed: 11, comments: ['ممتاز', 'too slow'],
  });
  // The log as the hall reads it back: each event with its personal part (comments) while retained.
  raw = events.since(0, Number.MAX_SAFE_INTEGER);
  const lastAt = Math.max(...raw.filter((e) => e.at.startsWith('2026-03-12') || e.at.startsWith('2026-03-11T2')).map((e) => Date.parse(e.at)));
  const facts = createFactStore(db, { timeZone: () => TZ, today: () => TODAY });
  facts.buildMissing();
  source = facts.source(() => events.lastSeq, () => lastAt);
});

afterAll(() => {
  db?.close();
  rmSync(dir, { recursive: true, force: true });
});

// ---- the naive computation ------------------------------------------------------------

const hourIn = (ms: number) => (new Date(ms).getUTCHours() + 3) % 24; // Asia/Riyadh is UTC+3 all year
const nearestRank = (xs: number[], p: number) => {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.ceil(p * s.length) - 1]!;
};
const avg = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);
const min = (ms: number | null) => (ms === null ? null : Math.round(ms / 600) / 100);

interface NaiveTicket {
  day: string; service: string; current: string; issuedAt: number; firstCall: number | null; firstCounter: string | null; firstClerk: string | null;
  outcome: string; endCounter: string | null; endClerk: string | null; quote: { minMinutes: number; maxMinutes: number }; rating: number | null; target: number;
}
interface Stint { day: string; service: string; counter: string; clerk: string; ms: number; transferred: boolean }
interface Interval { counter: string; clerk: string; kind: string; ms: number }

function naive() {
  const targets = new Map<string, number>();
  const tickets = new Map<string, NaiveTicket>();
  const stints: Stint[] = [];
  const intervals: Interval[] = [];
  const clerkAt = new Map<string, string>();
  const openSince = new Map<string, { kind: string; at: number; clerk: string }>();
  const serving = new Map<string, { since: number | null; ms: number; counter: string; clerk: string } | null>();
  const dayLast = new Map<string, number>();
  let curDay = '';
  const closeAll = (at: number) => {
    for (const [c, o] of openSince) intervals.push({ counter: c, clerk: o.clerk, kind: o.kind, ms: at - o.at });
    openSince.clear();
  };
  const close = (c: string, at: number) => {
    const o = openSince.get(c);
    if (o) intervals.push({ counter: c, clerk: o.clerk, kind: o.kind, ms: at - o.at });
    openSince.delete(c);
  };
  for (const e of raw) {
    const at = Date.parse(e.at);
    if (e.type === 'day.opened') {
      if (curDay) closeAll(dayLast.get(curDay)!);
      curDay = e.day;
    }
    if (curDay) dayLast.set(curDay, Math.max(dayLast.get(curDay) ?? 0, at));
    if (e.type === 'service.saved') targets.set(e.service.id, e.service.targetWaitMinutes);
    if (e.type === 'counter.opened') {
      close(e.counterId, at);
      clerkAt.set(e.counterId, e.clerkId);
      openSince.set(e.counterId, { kind: 'open', at, clerk: e.clerkId });
    }
    if (e.type === 'counter.break') {
      close(e.counterId, at);
      openSince.set(e.counterId, { kind: 'break', at, clerk: clerkAt.get(e.counterId)! });
    }
    if (e.type === 'counter.closed') close(e.counterId, at);
    if (e.type === 'ticket.issued') {
      tickets.set(e.ticket.id, { day: e.ticket.day, service: e.ticket.serviceId, current: e.ticket.serviceId, issuedAt: at, firstCall: null, firstCounter: null, firstClerk: null, outcome: 'unfinished', endCounter: null, endClerk: null, quote: e.quote, rating: null, target: targets.get(e.ticket.serviceId)! });
    }
    const t = e.ticketId ? tickets.get(e.ticketId) : undefined;
    if (!t) continue;
    const s = serving.get(e.ticketId) ?? null;
    const spellEnd = () => {
      if (s && s.since !== null) {
        s.ms += at - s.since;
        s.since = null;
      }
    };
    switch (e.type) {
      case 'ticket.called':
        if (t.firstCall === null) {
          t.firstCall = at;
          t.firstCounter = e.counterId;
          t.firstClerk = e.by;
        }
        break;
      case 'ticket.started':
        if (s) {
          s.since = at;
          s.counter = e.counterId;
          s.clerk = e.by ?? clerkAt.get(e.counterId)!;
        } else serving.set(e.ticketId, { since: at, ms: 0, counter: e.counterId, clerk: e.by ?? clerkAt.get(e.counterId)! });
        break;
      case 'ticket.parked':
        spellEnd();
        break;
      case 'ticket.transferred':
        spellEnd();
        if (s) stints.push({ day: t.day, service: t.current, counter: s.counter, clerk: s.clerk, ms: s.ms, transferred: true });
        serving.set(e.ticketId, null);
        t.current = e.toServiceId;
        break;
      case 'ticket.completed':
      case 'ticket.no_show':
      case 'ticket.cancelled':
        spellEnd();
        if (s) stints.push({ day: t.day, service: t.current, counter: s.counter, clerk: s.clerk, ms: s.ms, transferred: false });
        serving.set(e.ticketId, null);
        t.outcome = e.type === 'ticket.completed' ? 'served' : e.type === 'ticket.no_show' ? 'no_show' : 'cancelled';
        if (e.type !== 'ticket.cancelled') {
          t.endCounter = e.counterId;
          t.endClerk = e.by ?? clerkAt.get(e.counterId)!;
        }
        break;
      case 'ticket.rated':
        t.rating = e.rating;
        break;
    }
  }
  closeAll(dayLast.get(curDay)!);
  return { tickets: [...tickets.values()], stints, intervals };
}

// ---- the comparison -------------------------------------------------------------------

describe('reports equal a naive computation from the raw events', () => {
  it('has a real history to compare (many days, every kind of outcome)', () => {
    const n = naive();
    expect(new Set(n.tickets.map((t) => t.day)).size).toBeGreaterThanOrEqual(10);
    for (const o of ['served', 'no_show', 'cancelled']) expect(n.tickets.filter((t) => t.outcome === o).length).toBeGreaterThan(0);
    expect(n.stints.filter((s) => s.transferred).length).toBeGreaterThan(5);
    expect(raw.filter((e) => e.type === 'ticket.parked').length).toBeGreaterThan(5);
    expect(n.intervals.filter((i) => i.kind === 'break').length).toBeGreaterThan(5);
  });

  it('summary per day and service: counts, mean/median/p90 wait, mean service time, service level', () => {
    const n = naive();
    const r = computeReport('summary', source.rollups(FROM, TO), { from: FROM, to: TO });
    const byDay = r.tables.find((t) => t.id === 'by-day')!.rows;
    const keys = new Set([...n.tickets.map((t) => `${t.day}|${t.service}`), ...n.tickets.map((t) => `${t.day}|${t.current}`)]);
    expect(byDay.length).toBe(keys.size);
    for (const row of byDay) {
      const issued = n.tickets.filter((t) => t.day === row.day && t.service === row.service);
      const ended = n.tickets.filter((t) => t.day === row.day && t.current === row.service);
      const waits = issued.filter((t) => t.firstCall !== null).map((t) => t.firstCall! - t.issuedAt);
      const within = issued.filter((t) => t.firstCall !== null && t.firstCall - t.issuedAt <= t.target * 60_000).length;
      const stints = n.stints.filter((s) => s.day === row.day && s.service === row.service);
      expect(row, `${row.day} ${row.service}`).toMatchObject({
        issued: issued.length,
        served: ended.filter((t) => t.outcome === 'served').length,
        noShow: ended.filter((t) => t.outcome === 'no_show').length,
        cancelled: ended.filter((t) => t.outcome === 'cancelled').length,
        unfinished: ended.filter((t) => t.outcome === 'unfinished').length,
        transferred: stints.filter((s) => s.transferred).length,
        waitMean: min(avg(waits)),
        serviceMean: min(avg(stints.map((s) => s.ms))),
        serviceLevel: waits.length ? Math.round((within / waits.length) * 10_000) / 10_000 : null,
      });
      // From 30-second bins: the middle of the bin that holds the nearest-rank sample.
      for (const [key, p] of [['waitMedian', 0.5], ['waitP90', 0.9]] as const) {
        const want = min(nearestRank(waits, p));
        if (want === null) expect(row[key]).toBeNull();
        else expect(Math.abs((row[key] as number) - want), `${row.day} ${row.service} ${key}`).toBeLessThanOrEqual(0.255);
      }
    }
    const total = r.tables.find((t) => t.id === 'by-service')!.rows.at(-1)!;
    expect(total.issued).toBe(n.tickets.length);
    expect(total.served).toBe(n.tickets.filter((t) => t.outcome === 'served').length);
  });

  it('arrivals and waits per hour of day', () => {
    const n = naive();
    const rows = computeReport('patterns', source.rollups(FROM, TO), { from: FROM, to: TO }).tables.find((t) => t.id === 'by-hour')!.rows;
    for (const row of rows) {
      const inHour = n.tickets.filter((t) => hourIn(t.issuedAt) === row.hour);
      expect(row.arrivals).toBe(inHour.length);
      expect(row.waitMean).toBe(min(avg(inHour.filter((t) => t.firstCall !== null).map((t) => t.firstCall! - t.issuedAt))));
    }
    expect(rows.reduce((a, r) => a + (r.arrivals as number), 0)).toBe(n.tickets.length);
  });

  it('per clerk: served, mean service time, time open and on break; filtered by a service', () => {
    const n = naive();
    const rows = computeReport('staff', source.rollups(FROM, TO), { from: FROM, to: TO }).tables.find((t) => t.id === 'by-clerk')!.rows;
    expect(rows.length).toBe(DEMO_COUNTERS.length);
    for (const row of rows) {
      const c = row.clerk;
      expect(row.served).toBe(n.tickets.filter((t) => t.endClerk === c && t.outcome === 'served').length);
      expect(row.serviceMean).toBe(min(avg(n.stints.filter((s) => s.clerk === c).map((s) => s.ms))));
      expect(row.openHours).toBe(Math.round(n.intervals.filter((i) => i.clerk === c && i.kind === 'open').reduce((a, i) => a + i.ms, 0) / 36_000) / 100);
      expect(row.breakHours).toBe(Math.round(n.intervals.filter((i) => i.clerk === c && i.kind === 'break').reduce((a, i) => a + i.ms, 0) / 36_000) / 100);
    }
    const svc = 'fees-payments';
    const filtered = computeReport('summary', source.rollups(FROM, TO), { from: FROM, to: TO, serviceId: svc }).tables.find((t) => t.id === 'by-service')!.rows;
    expect(filtered.map((r) => r.service)).toEqual([svc, null]);
    expect(filtered[0]!.issued).toBe(n.tickets.filter((t) => t.service === svc).length);
  });

  it('satisfaction, expected-wait accuracy and the wait histogram per service', () => {
    const n = naive();
    const facts = source.rollups(FROM, TO);
    const sat = computeReport('satisfaction', facts, { from: FROM, to: TO }, { comments: source.comments(FROM, TO) });
    for (const row of sat.tables.find((t) => t.id === 'by-service')!.rows) {
      const rated = n.tickets.filter((t) => t.current === row.service && t.rating !== null);
      expect(row.count).toBe(rated.length);
      expect(row.mean).toBe(Math.round((avg(rated.map((t) => t.rating!))! * 100)) / 100);
    }
    expect(sat.tables.find((t) => t.id === 'comments')!.rows.length).toBe(raw.filter((e) => e.type === 'ticket.rated' && e.reason).length);

    const acc = computeReport('accuracy', facts, { from: FROM, to: TO });
    for (const row of acc.tables.find((t) => t.id === 'by-service')!.rows) {
      const called = n.tickets.filter((t) => t.service === row.service && t.firstCall !== null);
      const inside = called.filter((t) => {
        const w = (t.firstCall! - t.issuedAt) / 60_000;
        return w >= t.quote.minMinutes && w <= t.quote.maxMinutes;
      });
      expect(row.called).toBe(called.length);
      expect(row.inside).toBe(Math.round((inside.length / called.length) * 10_000) / 10_000);
    }

    const hist = computeReport('distribution', facts, { from: FROM, to: TO }).tables.find((t) => t.id === 'wait')!.rows.filter((r) => r.service === null);
    const waits = n.tickets.filter((t) => t.firstCall !== null).map((t) => (t.firstCall! - t.issuedAt) / 60_000);
    for (const row of hist) {
      const lo = row.fromMin as number;
      const hi = (row.toMin as number | null) ?? Infinity;
      expect(row.count, `${lo}–${hi}`).toBe(waits.filter((w) => w >= lo && w < hi).length);
    }
  });

  it('the stored roll-ups equal a fresh rebuild from the log', () => {
    const rows = (set: ReturnType<RollupSource['rollups']>) => set.blocks.flatMap((b) => Array.from({ length: b.n }, (_, i) => b.row(i)));
    const stored = source.rollups(FROM, '2026-03-11');
    db.exec('DELETE FROM report_days; DELETE FROM report_tickets; DELETE FROM report_day_rollups; DELETE FROM report_marks');
    const fresh = createFactStore(db, { timeZone: () => TZ, today: () => TODAY });
    expect(fresh.buildMissing()).toHaveLength(11);
    const rebuilt = fresh.source(() => 0, () => 0).rollups(FROM, '2026-03-11');
    const sort = <T extends object>(xs: T[]) => xs.map((x) => JSON.stringify(x)).sort();
    expect(rows(rebuilt).length).toBeGreaterThan(100);
    expect(sort(rows(rebuilt))).toEqual(sort(rows(stored)));
    expect(sort([...rebuilt.counters])).toEqual(sort([...stored.counters]));
  });
});
