// Central's API as an outsider would try it: bad pushes refused with a clear error and nothing
// written, one municipality's staff blind to another's, the league open to anyone.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningCentral, startCentral } from '../../../electron/central/central.ts';
import { migrate, migrations } from '../../../electron/central/migrations.ts';
import type { Centre, LeagueResponse } from '../../../shared/protocol/central.ts';
import { createLogger } from '../../../electron/node-common/log.ts';
import { api, freshDatabase, municipalityWith, signIn } from '../../support/central.ts';
import { makeTempDir } from '../../support/temp-dir.ts';

const tmp = makeTempDir('dawr-central-api-');
let db: Awaited<ReturnType<typeof freshDatabase>>;
let central: RunningCentral;
let url: string;
let platform: string;
let homs: { id: string; centres: { id: string; code: string }[] };
let hama: { id: string; centres: { id: string; code: string }[] };
let credential: string;
let pool: pg.Pool;

const at = (m: number) => new Date(Date.UTC(2026, 11, 1, 6, m)).toISOString();
const service = { id: 'permits', prefix: 'A', name: { ar: 'رخص', en: 'Permits' }, category: 'permits', targetWaitMinutes: 10, active: true };
const issued = (seq: number, id: string, extra: Record<string, unknown> = {}) => ({
  seq, day: '2026-12-01',
  event: {
    type: 'ticket.issued', at: at(seq), by: 'kiosk-1', quote: { minMinutes: 0, maxMinutes: 5 },
    ticket: { id, number: `A-${seq}`, serviceId: 'permits', status: 'waiting', priority: 'none', lang: 'ar', issuedAt: at(seq), day: '2026-12-01', recalls: 0, transferredFrom: [], identityVerified: false, ...extra },
  },
});
const saved = (seq: number) => ({ seq, day: '2026-12-01', event: { type: 'service.saved', at: at(0), service } });
const count = async (branchId: string) => (await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM events WHERE branch_id = $1', [branchId])).rows[0]!.n;
const push = (body: unknown, token = credential) => api<{ error?: { code: string; message: string }; ackedSeq?: number }>(url, '/api/v1/sync/events', { token, body });

beforeAll(async () => {
  db = await freshDatabase();
  pool = new pg.Pool({ connectionString: db.url, max: 2 });
  central = await startCentral({ dataDir: tmp.path, databaseUrl: db.url, log: createLogger({ level: 'silent', app: 'dawr-central' }) });
  url = central.url;
  await central.ctx.auth.createUser({ username: 'platform', password: 'platform-pass', role: 'platform_admin' });
  platform = await signIn(url, 'platform', 'platform-pass');
  homs = await municipalityWith(url, platform, 'homs', ['north', 'south']);
  hama = await municipalityWith(url, platform, 'hama', ['centre']);
  const e = await api<{ credential: string; branchId: string }>(url, '/api/v1/sync/enrol', { body: { code: homs.centres[0]!.code, timeZone: 'Asia/Damascus' } });
  expect(e.status).toBe(200);
  credential = e.body.credential;
});

afterAll(async () => {
  await central?.close();
  await pool?.end();
  await db?.drop();
  tmp.remove();
});

describe('central refuses bad input and changes nothing', () => {
  it('an enrolment code works once; a wrong or used one is refused', async () => {
    const again = await api<{ error: { code: string } }>(url, '/api/v1/sync/enrol', { body: { code: homs.centres[0]!.code, timeZone: 'Asia/Damascus' } });
    expect(again.status).toBe(401);
    const wrong = await api<{ error: { code: string } }>(url, '/api/v1/sync/enrol', { body: { code: 'ZZZZZZZZ', timeZone: 'Asia/Damascus' } });
    expect(wrong.status).toBe(401);
    const zone = await api<{ error: { message: string } }>(url, '/api/v1/sync/enrol', { body: { code: homs.centres[1]!.code, timeZone: 'Mars/Olympus' } });
    expect(zone.status).toBe(400);
    expect(zone.body.error.message).toMatch(/time zone/);
  });

  it('accepts a batch, and a repeated or overlapping batch changes nothing', async () => {
    const b = homs.centres[0]!.id;
    expect((await push({ head: 3, events: [saved(1), issued(2, 't2'), issued(3, 't3')] })).body.ackedSeq).toBe(3);
    expect((await push({ head: 3, events: [saved(1), issued(2, 't2'), issued(3, 't3')] })).body.ackedSeq).toBe(3);
    expect((await push({ head: 4, events: [issued(3, 't3'), issued(4, 't4')] })).body.ackedSeq).toBe(4);
    expect(await count(b)).toBe(4);
  });

  it('a gap is refused with 409 and where to resume; nothing is written', async () => {
    const b = homs.centres[0]!.id;
    const r = await push({ head: 9, events: [issued(7, 't7')] });
    expect(r.status).toBe(409);
    expect(r.body.error!.message).toMatch(/send from seq 5/);
    expect(await count(b)).toBe(4);
    const state = await api<{ ackedSeq: number }>(url, '/api/v1/sync/state', { token: credential });
    expect(state.body.ackedSeq).toBe(4);
  });

  it('malformed events, out-of-order seqs and personal data are refused whole', async () => {
    const b = homs.centres[0]!.id;
    const bad = await push({ head: 6, events: [issued(5, 't5'), { seq: 6, day: '2026-12-01', event: { type: 'ticket.teleported', at: at(6) } }] });
    expect(bad.status).toBe(400);
    expect(bad.body.error!.message).toMatch(/events\[1\].*not a Dawr event/);
    const order = await push({ head: 7, events: [issued(5, 't5'), issued(7, 't7')] });
    expect(order.status).toBe(400);
    const personal = await push({ head: 5, events: [issued(5, 't5', { trackingCode: 'ABCDEFGH23' })] });
    expect(personal.status).toBe(400);
    expect(personal.body.error!.message).toMatch(/personal data \(trackingCode\)/);
    const note = await push({ head: 5, events: [{ seq: 5, day: '2026-12-01', event: { type: 'ticket.completed', at: at(5), ticketId: 't2', counterId: 'c1', note: 'citizen was upset' } }] });
    expect(note.status).toBe(400);
    const day = await push({ head: 5, events: [{ ...issued(5, 't5'), day: '1st of Dec' }] });
    expect(day.status).toBe(400);
    expect(await count(b)).toBe(4);
  });

  it('a wrong credential, another branch, and a revoked hall are refused', async () => {
    expect((await push({ head: 5, events: [issued(5, 't5')] }, 'not-a-credential')).status).toBe(401);
    const other = await push({ branchId: hama.centres[0]!.id, head: 5, events: [issued(5, 't5')] });
    expect(other.status).toBe(403);
    expect(other.body.error!.message).toMatch(/writes only branch/);
    expect(await count(hama.centres[0]!.id)).toBe(0);
    // A staff session is not a hall credential.
    const staffToken = await push({ head: 5, events: [issued(5, 't5')] }, platform);
    expect(staffToken.status).toBe(401);
    expect((await api(url, `/api/v1/branches/${homs.centres[0]!.id}/revoke`, { token: platform, body: {} })).status).toBe(204);
    const revoked = await push({ head: 5, events: [issued(5, 't5')] });
    expect(revoked.status).toBe(401);
    expect(await count(homs.centres[0]!.id)).toBe(4);
  });
});

describe("one municipality's staff never see another's", () => {
  it('municipality and centre managers see only their scope; another centre answers 404', async () => {
    await api(url, '/api/v1/users', { token: platform, body: { username: 'homs-manager', password: 'homs-manager-pass', role: 'municipality_manager', municipalityId: 'homs' } });
    await api(url, '/api/v1/users', { token: platform, body: { username: 'south-manager', password: 'south-manager-pass', role: 'centre_manager', branchId: homs.centres[1]!.id } });
    const hm = await signIn(url, 'homs-manager', 'homs-manager-pass');
    const sm = await signIn(url, 'south-manager', 'south-manager-pass');
    const seen = async (t: string) => (await api<{ centres: { id: string }[] }>(url, '/api/v1/dashboard', { token: t })).body.centres.map((c) => c.id).sort();
    expect(await seen(hm)).toEqual(homs.centres.map((c) => c.id).sort());
    expect(await seen(sm)).toEqual([homs.centres[1]!.id]);
    expect(await seen(platform)).toHaveLength(3);
    expect((await api(url, `/api/v1/branches/${hama.centres[0]!.id}/days/2026-12-01`, { token: hm })).status).toBe(404);
    expect((await api(url, `/api/v1/branches/${homs.centres[0]!.id}/days/2026-12-01`, { token: sm })).status).toBe(404);
    expect((await api(url, '/api/v1/dashboard?municipality=hama', { token: hm })).status).toBe(404);
    // A manager cannot create staff or centres; a municipality admin cannot reach another municipality.
    expect((await api(url, '/api/v1/branches', { token: hm, body: { municipalityId: 'homs', name: { ar: 'س', en: 'x' } } })).status).toBe(403);
    await api(url, '/api/v1/users', { token: platform, body: { username: 'hama-admin', password: 'hama-admin-pass', role: 'municipality_admin', municipalityId: 'hama' } });
    const ha = await signIn(url, 'hama-admin', 'hama-admin-pass');
    expect((await api(url, `/api/v1/branches/${homs.centres[0]!.id}/enrolment`, { token: ha, body: {} })).status).toBe(404);
    expect((await api(url, '/api/v1/users', { token: ha, body: { username: 'spy', password: 'spy-password', role: 'municipality_manager', municipalityId: 'homs' } })).status).toBe(403);
  });

  it('the league is public, JSON and CSV, and checks its period', async () => {
    const r = await api<{ centres: { branchId: string; smallSample: boolean; rank: number | null }[] }>(url, '/api/v1/public/league?from=2026-12-01&to=2026-12-01');
    expect(r.status).toBe(200);
    // Only enrolled centres are listed; this one has 4 events, a small sample: shown, not ranked.
    expect(r.body.centres).toEqual([expect.objectContaining({ branchId: homs.centres[0]!.id, smallSample: true, rank: null })]);
    const csv = await fetch(`${url}/api/v1/public/league.csv?from=2026-12-01&to=2026-12-01&lang=ar`);
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    const bytes = Buffer.from(await csv.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    expect(text).toContain('مستوى الخدمة');
    expect((await api(url, '/api/v1/public/league?from=2026-12-05&to=2026-12-01')).status).toBe(400);
    expect((await api(url, '/api/v1/public/league?from=2025-01-01&to=2026-12-01')).status).toBe(400);
    expect((await api(url, '/api/v1/public/league?municipality=nowhere')).status).toBe(404);
  });
});

describe("a centre's district in both languages", () => {
  it('is given as {ar, en} or as one text for both, and the league and its CSV show the language asked for', async () => {
    const made = await api<Centre>(url, '/api/v1/branches', { token: platform, body: { municipalityId: hama.id, name: { ar: 'مركز الوعر', en: 'Al-Waer centre' }, district: { ar: 'الوعر', en: 'Al-Waer' } } });
    expect(made.status).toBe(201);
    expect(made.body.district).toEqual({ ar: 'الوعر', en: 'Al-Waer' });
    const one = await api<Centre>(url, '/api/v1/branches', { token: platform, body: { municipalityId: hama.id, name: { ar: 'مركز ٢', en: 'Centre 2' }, district: 'Bab Amr' } });
    expect(one.body.district).toEqual({ ar: 'Bab Amr', en: 'Bab Amr' });
    const none = await api<Centre>(url, '/api/v1/branches', { token: platform, body: { municipalityId: hama.id, name: { ar: 'مركز ٣', en: 'Centre 3' } } });
    expect(none.body.district).toEqual({ ar: '', en: '' });
    expect((await api(url, '/api/v1/branches', { token: platform, body: { municipalityId: hama.id, name: { ar: 'م', en: 'C' }, district: { ar: ' الوعر', en: 'Al-Waer' } } })).status).toBe(400);
    const code = await api<{ code: string }>(url, `/api/v1/branches/${made.body.id}/enrolment`, { token: platform, method: 'POST', body: {} });
    expect((await api(url, '/api/v1/sync/enrol', { body: { code: code.body.code, timeZone: 'Asia/Damascus' } })).status).toBe(200);
    const q = `from=2026-12-01&to=2026-12-01&municipality=${hama.id}`;
    // The league's cache reads the enrolled centres at most once a second.
    await expect.poll(async () => (await api<LeagueResponse>(url, `/api/v1/public/league?${q}`)).body.centres.map((c) => c.district)).toEqual([{ ar: 'الوعر', en: 'Al-Waer' }]);
    const csv = async (lang: string) => (await (await fetch(`${url}/api/v1/public/league.csv?${q}&lang=${lang}`)).text()).split('\r\n')[1]!.split(',');
    expect((await csv('ar')).slice(1, 4)).toEqual(['مركز الوعر', 'بلدية hama', 'الوعر']);
    expect((await csv('en')).slice(1, 4)).toEqual(['Al-Waer centre', 'Municipality hama', 'Al-Waer']);
  });

  it('migration 7 splits a district written "Arabic / English" and keeps any other as it was, in both', async () => {
    const fresh = await freshDatabase();
    const p = new pg.Pool({ connectionString: fresh.url, max: 1 });
    try {
      await migrate(p, migrations.filter((m) => m.id < 7));
      await p.query("INSERT INTO municipalities (id, name_ar, name_en) VALUES ('m', 'م', 'M')");
      await p.query(`INSERT INTO branches (id, municipality_id, name_ar, name_en, district) VALUES
        ('a', 'm', 'أ', 'A', 'الوعر / Al-Waer'), ('b', 'm', 'ب', 'B', 'centre'), ('c', 'm', 'ج', 'C', 'باب عمرو'), ('d', 'm', 'د', 'D', ''), ('e', 'm', 'ه', 'E', 'Block 5 / North')`);
      await migrate(p);
      const rows = (await p.query<{ id: string; district_ar: string; district_en: string }>('SELECT id, district_ar, district_en FROM branches ORDER BY id')).rows;
      expect(rows.map((r) => [r.id, r.district_ar, r.district_en])).toEqual([
        ['a', 'الوعر', 'Al-Waer'], ['b', 'centre', 'centre'], ['c', 'باب عمرو', 'باب عمرو'], ['d', '', ''], ['e', 'Block 5 / North', 'Block 5 / North'],
      ]);
    } finally {
      await p.end();
      await fresh.drop();
    }
  });
});
