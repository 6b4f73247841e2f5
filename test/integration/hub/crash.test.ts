// kill -9 during a burst of ticket issues, many times: no acknowledged ticket is lost, no
// number is reused, and SQLite's integrity check stays ok.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../../support/hub.ts';
import { spawnHub } from '../../support/hub-process.ts';
import { Database } from '../../support/sqlite.ts';

const ROUNDS = 8;
const WRITERS = 6;
const dir = mkdtempSync(join(tmpdir(), 'dawr-crash-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SERVICES = ['building-permits', 'reception', 'fees-payments'];

describe('a hub killed with SIGKILL mid-burst', () => {
  it(`keeps every acknowledged ticket and never reuses a number (${ROUNDS} kills)`, async () => {
    const acknowledged = new Map<string, string>(); // ticket id → number
    let kiosk = '';
    for (let round = 0; round < ROUNDS; round++) {
      const hub = await spawnHub(['--data', dir, '--demo', '--issue-per-minute', '100000']);
      const api = new ApiClient(hub.url);
      // Every ticket acknowledged before any earlier kill is still there, with the same number.
      if (acknowledged.size) {
        const admin = await api.login('admin', 'dawr-admin');
        const queue = await api.get('/api/v1/queue', admin);
        const seen = new Map((queue.body.tickets as { id: string; number: string }[]).map((t) => [t.id, t.number]));
        for (const [id, number] of acknowledged) expect(seen.get(id), `ticket ${number} lost after kill ${round}`).toBe(number);
      }
      if (!kiosk) kiosk = await api.pairDevice(await api.login('admin', 'dawr-admin'), 'kiosk', 'Crash kiosk');

      // Writers issue tickets as fast as they can; the hub is killed after a varying number of acks.
      const killAfter = 20 + round * 7;
      let acks = 0;
      let killed = false;
      const writer = async (w: number) => {
        for (let i = 0; !killed; i++) {
          try {
            const r = await api.post('/api/v1/tickets', kiosk, { serviceId: SERVICES[(w + i) % SERVICES.length], lang: 'ar' });
            if (r.status === 201) {
              acknowledged.set(r.body.id, r.body.number);
              if (++acks >= killAfter && !killed) {
                killed = true;
                hub.child.kill('SIGKILL');
              }
            }
          } catch {
            return; // the connection died with the hub
          }
        }
      };
      await Promise.all(Array.from({ length: WRITERS }, (_, w) => writer(w)));
      await hub.exited;
    }

    const db = new Database(join(dir, 'dawr.sqlite'));
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      const rows = db.prepare('SELECT id, number, day FROM tickets').all() as { id: string; number: string; day: string }[];
      const perDay = new Set(rows.map((r) => `${r.day}/${r.number}`));
      expect(perDay.size).toBe(rows.length);
      const stored = new Map(rows.map((r) => [r.id, r.number]));
      for (const [id, number] of acknowledged) expect(stored.get(id)).toBe(number);
      // The event log has no gap in seq.
      const { n, max } = db.prepare('SELECT COUNT(*) AS n, MAX(seq) AS max FROM events').get() as { n: number; max: number };
      expect(n).toBe(max);
    } finally {
      db.close();
    }
    expect(acknowledged.size).toBeGreaterThan(ROUNDS * 20);
  });
});
