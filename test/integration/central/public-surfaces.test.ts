// Central's public surfaces as a stranger probes them, against a real central process (issue 23):
// every route flooded with bodies it does not take, the public league CSV with a centre name a
// spreadsheet would run, impossible dates and personal free text in a hall's push, the league
// asked without end from one address. Each failed on central before this changes.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, type CentralProcess, freshDatabase, municipalityWith, signIn, spawnCentral } from '../../support/central.ts';
import { makeTempDir } from '../../support/temp-dir.ts';
import { rawRequest } from '../../support/raw-request.ts';

const tmp = makeTempDir('dawr-central-public-');
let db: Awaited<ReturnType<typeof freshDatabase>>;
let central: CentralProcess;
let platform: string;
let credential: string;

const at = (m: number) => new Date(Date.UTC(2026, 11, 1, 6, m)).toISOString();
const ticket = (seq: number, extra: Record<string, unknown> = {}) => ({
  id: `t${seq}`, number: `A-${seq}`, serviceId: 'permits', status: 'waiting', priority: 'none', lang: 'ar', issuedAt: at(seq), day: '2026-12-01', recalls: 0, transferredFrom: [], identityVerified: false, ...extra,
});
const issued = (seq: number, extra: Record<string, unknown> = {}, day = '2026-12-01') => ({
  seq, day, event: { type: 'ticket.issued', at: at(seq), by: 'kiosk-1', quote: { minMinutes: 0, maxMinutes: 5 }, ticket: ticket(seq, extra) },
});
const push = (events: unknown[]) => api<{ error?: { code: string; message: string }; ackedSeq?: number }>(central.url, '/api/v1/sync/events', { token: credential, body: { head: 10, events } });

beforeAll(async () => {
  db = await freshDatabase();
  central = await spawnCentral(db.url, { data: join(tmp.path, 'central') });
  platform = await signIn(central.url, 'platform', central.password!);
  const m = await municipalityWith(central.url, platform, 'homs', ['north']);
  const enrolled = await api<{ credential: string }>(central.url, '/api/v1/sync/enrol', { body: { code: m.centres[0]!.code, timeZone: 'Asia/Damascus' } });
  credential = enrolled.body.credential;
  // A centre whose name a spreadsheet would run as a formula, made by a municipality's admin.
  const evil = await api<{ id: string }>(central.url, '/api/v1/branches', { token: platform, body: { municipalityId: 'homs', name: { ar: '=HYPERLINK("http://evil.example","مركز")', en: "-2+3+cmd|' /C calc'!A0" }, district: '@SUM(1+1)' } });
  expect(evil.status).toBe(201);
  // Enrolled, so it stands in the league.
  const code = await api<{ code: string }>(central.url, `/api/v1/branches/${evil.body.id}/enrolment`, { token: platform, method: 'POST', body: {} });
  expect((await api(central.url, '/api/v1/sync/enrol', { body: { code: code.body.code, timeZone: 'Asia/Damascus' } })).status).toBe(200);
});
afterAll(async () => {
  central?.child.kill('SIGKILL');
  await central?.exited;
  await db?.drop();
  tmp.remove();
});

describe('one anonymous request cannot stop central', () => {
  it('every route answers 2 MB of audio, bytes or text and a flood of unknown keys with a short 4xx at once', async () => {
    const spec = (await api<{ paths: Record<string, Record<string, unknown>> }>(central.url, '/api/v1/openapi.json')).body;
    const ops = Object.entries(spec.paths).flatMap(([path, methods]) => Object.keys(methods).map((m) => ({ method: m.toUpperCase(), path: path.replace(/\{[^}]+\}/g, 'X1') })));
    expect(ops.length).toBeGreaterThan(20);
    const twoMb = Buffer.alloc(2 * 1024 * 1024, 0x41);
    const keys = `{${Array.from({ length: 7_000 }, (_, i) => `"${i.toString(36).padStart(3, '0')}":0`).join(',')}}`;
    const times: number[] = [];
    for (const op of ops) {
      for (const [type, body] of [['audio/wav', twoMb], ['application/octet-stream', twoMb], ['text/plain', twoMb], ['application/json', keys]] as const) {
        const r = await rawRequest(`${central.url}${op.path}`, { method: op.method, contentType: type, body });
        times.push(r.ms);
        const what = `${op.method} ${op.path} ${type}`;
        if (r.hungUp) {
          expect(body.length, `${what}: hung up on a body within the limit`).toBeGreaterThan(64 * 1024);
          continue;
        }
        expect(r.status, `${what}: ${r.text}`).toBeLessThan(500);
        if (r.status >= 400) expect(r.size, `${what}: answer of ${r.size} bytes`).toBeLessThan(1024);
        expect(r.ms, what).toBeLessThan(1000);
      }
    }
    const sorted = [...times].sort((a, b) => a - b);
    console.log(`central flood: ${times.length} requests, p50 ${sorted[Math.floor(times.length / 2)]!.toFixed(1)} / max ${sorted.at(-1)!.toFixed(1)} ms`);
  });
});

describe('no formula in the public league CSV', () => {
  it("a centre's name and district that a spreadsheet would run are neutralised, in both languages", async () => {
    for (const lang of ['ar', 'en']) {
      const res = await fetch(`${central.url}/api/v1/public/league.csv?lang=${lang}`);
      expect(res.status).toBe(200);
      const csv = await res.text();
      const line = csv.split('\r\n').find((l) => l.includes('SUM(1+1)'));
      expect(line, csv).toBeDefined();
      expect(line).toContain(`"'@SUM(1+1)"`);
      expect(line).toContain(lang === 'ar' ? `"'=HYPERLINK(""http://evil.example"",""مركز"")"` : `"'-2+3+cmd|' /C calc'!A0"`);
    }
  });
});

describe("a hall's push: impossible dates and personal free text are refused, nothing written", () => {
  it('refuses a day or a time that does not exist with a 400, not a 500', async () => {
    for (const bad of [issued(1, {}, '2026-02-30'), issued(1, {}, '2026-13-01'), { ...issued(1), event: { ...issued(1).event, at: '2026-02-30T10:00:00.000Z' } }, { ...issued(1), event: { ...issued(1).event, at: '2026-12-01T25:00:00Z' } }]) {
      const r = await push([bad]);
      expect(r.status, JSON.stringify(bad).slice(0, 120)).toBe(400);
    }
    expect((await api<{ ackedSeq: number }>(central.url, '/api/v1/sync/state', { token: credential })).body.ackedSeq).toBe(0);
  });

  it("refuses a free-text outcome and a transfer note riding on an issued ticket: they are personal and stay in the hall", async () => {
    const completed = { seq: 2, day: '2026-12-01', event: { type: 'ticket.completed', at: at(9), ticketId: 't1', counterId: 'c1', by: 'u1', outcome: 'call 0991234567 Ahmad' } };
    const r1 = await push([issued(1), completed]);
    expect(r1.status).toBe(400);
    expect(r1.body.error!.message).toMatch(/personal/);
    const r2 = await push([issued(1, { transferNote: 'his brother is ill' })]);
    expect(r2.status).toBe(400);
    expect(r2.body.error!.message).toMatch(/transferNote/);
    expect((await api<{ ackedSeq: number }>(central.url, '/api/v1/sync/state', { token: credential })).body.ackedSeq).toBe(0);
    // The same with an outcome code goes in.
    const ok = await push([issued(1), { ...completed, event: { ...completed.event, outcome: 'documents_missing' } }]);
    expect(ok.body.ackedSeq).toBe(2);
  });
});

describe('the public league from one address', () => {
  it('is rate-limited with 429 and the error shape', async () => {
    let last = 0;
    for (let i = 0; i < 61 && last !== 429; i++) last = (await fetch(`${central.url}/api/v1/public/league`)).status;
    expect(last).toBe(429);
    const r = await api<{ error: { code: string } }>(central.url, '/api/v1/public/league');
    expect(r.body.error.code).toBe('rate_limited');
  });
});
