// Personal data kept only as long as allowed: tracking codes, clerks' notes and citizens' comments
// live beside the append-only log, not in it, and retention removes them without touching the log.
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/hub/store/database.ts';
import { createEventStore } from '../../../electron/hub/store/event-store.ts';
import { migrate, migrations } from '../../../electron/hub/store/migrations.ts';
import type { DomainEvent } from '../../../shared/protocol/events.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'dawr-retention-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const ticket = (day: string, n: number) => ({
  id: `${day}-A00${n}`, number: `A-00${n}`, serviceId: 's', status: 'waiting' as const, priority: 'none' as const, lang: 'ar' as const,
  issuedAt: `${day}T06:00:00.000Z`, day, recalls: 0, transferredFrom: [], identityVerified: false, trackingCode: `CODE${n}${day.replace(/-/g, '')}`,
});
const dayOf = (day: string, n: number): DomainEvent[] => {
  const t = ticket(day, n);
  const at = `${day}T07:00:00.000Z`;
  return [
    { type: 'ticket.issued', at, ticket: t, quote: { minMinutes: 1, maxMinutes: 3 }, by: 'kiosk' },
    { type: 'ticket.called', at, ticketId: t.id, counterId: 'c1', by: 'u1' },
    { type: 'ticket.started', at, ticketId: t.id, counterId: 'c1', by: 'u1' },
    { type: 'ticket.completed', at, ticketId: t.id, counterId: 'c1', by: 'u1', outcome: 'completed', note: `note of ${day}` },
    { type: 'ticket.rated', at, ticketId: t.id, rating: 4, reason: `comment of ${day}` },
  ];
};

describe('personal fields of events', () => {
  it('are stored beside the log, read back while kept, and purged by day without touching the log', () => {
    const db = openDatabase(join(dir, 'dawr.sqlite'));
    const store = createEventStore(db);
    store.append(dayOf('2026-01-01', 1), '2026-01-01');
    store.append(dayOf('2026-01-02', 2), '2026-01-02');
    const raw = (db.prepare('SELECT body FROM events').all() as { body: string }[]).map((r) => r.body).join('\n');
    expect(raw).not.toMatch(/note of|comment of|CODE\d/);
    const day1 = store.ofDay('2026-01-01');
    expect(day1.find((e) => e.type === 'ticket.completed')).toMatchObject({ note: 'note of 2026-01-01', outcome: 'completed', by: 'u1' });
    expect(day1.find((e) => e.type === 'ticket.rated')).toMatchObject({ reason: 'comment of 2026-01-01', rating: 4 });
    expect(day1.find((e) => e.type === 'ticket.issued')).toMatchObject({ ticket: { trackingCode: 'CODE120260101' } });

    const logBefore = db.prepare('SELECT seq, body FROM events ORDER BY seq').all();
    expect(store.purgePersonal('2026-01-02')).toBe(3);
    expect(db.prepare('SELECT seq, body FROM events ORDER BY seq').all()).toEqual(logBefore);
    const purged = store.ofDay('2026-01-01');
    expect(purged).toHaveLength(5);
    expect(JSON.stringify(purged)).not.toMatch(/note of|comment of|CODE1/);
    expect(purged.find((e) => e.type === 'ticket.completed')).toMatchObject({ outcome: 'completed', counterId: 'c1' });
    expect(store.ofDay('2026-01-02').find((e) => e.type === 'ticket.completed')).toMatchObject({ note: 'note of 2026-01-02' });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  });

  it('are moved out of the log of a hall that wrote them inside it (migration 2), the log staying append-only', () => {
    const file = join(dir, 'old.sqlite');
    const old = new Database(file);
    migrate(old, migrations.slice(0, 1));
    const insert = old.prepare('INSERT INTO events (seq, day, type, at, body) VALUES (?, ?, ?, ?, ?)');
    dayOf('2025-12-31', 7).forEach((e, i) => insert.run(i + 1, '2025-12-31', e.type, e.at, JSON.stringify(e)));
    old.close();

    const db = openDatabase(file);
    const raw = (db.prepare('SELECT body FROM events').all() as { body: string }[]).map((r) => r.body).join('\n');
    expect(raw).not.toMatch(/note of|comment of|CODE7/);
    const events = createEventStore(db).ofDay('2025-12-31');
    expect(events.map((e) => e.type)).toEqual(['ticket.issued', 'ticket.called', 'ticket.started', 'ticket.completed', 'ticket.rated']);
    expect(events[3]).toMatchObject({ note: 'note of 2025-12-31' });
    expect(events[0]).toMatchObject({ ticket: { trackingCode: 'CODE720251231' } });
    expect(() => db.prepare("UPDATE events SET body = '{}' WHERE seq = 1").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM events WHERE seq = 1').run()).toThrow(/append-only/);
    db.close();
  });
});
