// The hub's public surfaces as a stranger probes them, against a real hub process (issue 23): a
// body that used to block the event loop for seconds, a push "subscription" that made the hub POST
// into the hall's LAN, a formula planted in a CSV, codes guessed across routes, free text where the
// counter records codes. Each of these failed on the hub before this issue's changes.
import { createServer, type Server } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type HubProcess, spawnHub } from '../../support/hub-process.ts';
import { ApiClient } from '../../support/hub.ts';
import { rawRequest } from '../../support/raw-request.ts';
import { fromAddress } from '../../support/from-address.ts';
import { newSubscriber } from '../../support/web-push-decrypt.ts';
import { addDays, businessDay } from '../../../shared/domain/business-day.ts';

/** A local HTTP server that records what reaches it and answers with `answer` (default 201). */
async function recorder(answer: (path: string) => { status: number; headers?: Record<string, string> } = () => ({ status: 201 })) {
  const got: { path: string; at: number }[] = [];
  const server: Server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      got.push({ path: req.url ?? '', at: Date.now() });
      const a = answer(req.url ?? '');
      res.writeHead(a.status, a.headers).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  return { got, port, origin: `http://127.0.0.1:${port}`, close: () => new Promise((r) => server.close(r)) };
}

let dir: string;
let hub: HubProcess;
let api: ApiClient;
let admin: string;
let manager: string;
const clerks: Record<number, string> = {};
let kiosk: string;
// The push service the operator trusts (--allow-push-origin), and a "router" inside the hall LAN it must never reach.
let pushService: Awaited<ReturnType<typeof recorder>>;
let internal: Awaited<ReturnType<typeof recorder>>;

beforeAll(async () => {
  internal = await recorder();
  pushService = await recorder((path) => (path.startsWith('/redirect') ? { status: 307, headers: { location: `${internal.origin}/internal/admin/reboot` } } : { status: 201 }));
  dir = mkdtempSync(join(tmpdir(), 'dawr-public-'));
  hub = await spawnHub(['--demo', '--data', dir, '--allow-push-origin', pushService.origin]);
  api = new ApiClient(hub.url);
  admin = await api.login('admin', 'dawr-admin');
  manager = await api.login('manager', 'dawr-manager');
  // Signed in before the flood below spends this address's sign-ins for the minute.
  for (const n of [1, 2, 6]) clerks[n] = await api.login(`clerk${n}`, 'dawr-clerk');
  kiosk = await api.pairDevice(admin, 'kiosk', 'Kiosk');
});
afterAll(async () => {
  hub?.child.kill('SIGKILL');
  await hub?.exited;
  await pushService?.close();
  await internal?.close();
  rmSync(dir, { recursive: true, force: true });
});

const issue = async (serviceId = 'certificates') => (await api.post('/api/v1/tickets', kiosk, { serviceId, lang: 'en' })).body as { id: string; number: string; trackingCode: string };

describe('one anonymous request cannot stop the hall', () => {
  it('every route of the API answers 2 MB of audio, bytes or text, a flood of unknown keys and deep nesting with a short 4xx at once, and the health check never waits', async () => {
    const spec = (await api.get('/api/v1/openapi.json')).body as { paths: Record<string, Record<string, { requestBody?: { content: Record<string, unknown> } }>> };
    const ops = Object.entries(spec.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({
      method: method.toUpperCase(), path: path.replace(/\{[^}]+\}/g, 'X1'), json: Boolean(op.requestBody?.content['application/json']),
    })));
    expect(ops.length).toBeGreaterThan(80);
    const twoMb = Buffer.alloc(2 * 1024 * 1024, 0x41);
    const keys = (n: number, width: number) => `{${Array.from({ length: n }, (_, i) => `"${i.toString(36).padStart(width, '0')}":0`).join(',')}}`;
    const bodies: [string, string | Buffer][] = [
      ['audio/wav', twoMb], ['application/octet-stream', twoMb], ['text/plain', twoMb],
      ['application/json', keys(10_000, 4)], // over the 64 KB a JSON body may have
      ['application/json', keys(7_000, 3)], // just under it: 7,000 unknown keys, none echoed back in full
      ['application/json', `{"a":${'['.repeat(30_000)}${']'.repeat(30_000)}}`],
    ];
    expect(Buffer.byteLength(bodies[4]![1] as string)).toBeLessThan(64 * 1024);

    // A health probe, one after the other, for as long as the flood lasts.
    const waits: number[] = [];
    let flooding = true;
    const probe = (async () => {
      while (flooding) waits.push((await rawRequest(`${hub.url}/api/health`, { method: 'GET' })).ms);
    })();
    const slow: string[] = [];
    const times: number[] = [];
    const send = async (op: (typeof ops)[number], token?: string) => {
      for (const [type, body] of bodies) {
        const r = await rawRequest(`${hub.url}${op.path}`, { method: op.method, contentType: type, body, ...(token ? { headers: { authorization: `Bearer ${token}` } } : {}) });
        times.push(r.ms);
        const what = `${op.method} ${op.path} ${type} ${body.length} B${token ? ' (admin)' : ''}`;
        if (r.ms >= 1000) slow.push(`${what}: ${r.ms.toFixed(0)} ms`);
        // A body over the 64 KB a JSON route reads may be refused by hanging up on it (raw-request.ts).
        if (r.hungUp) {
          expect(body.length, `${what}: hung up on a body within the limit`).toBeGreaterThan(64 * 1024);
          continue;
        }
        expect(r.status, `${what}: ${r.text}`).toBeLessThan(500);
        if (r.status >= 400) expect(r.size, `${what}: answer of ${r.size} bytes`).toBeLessThan(1024);
        // A route that takes a JSON body refuses every one of these; one that takes none may ignore it.
        if (op.json || token) expect(r.status, `${what}: ${r.text}`).toBeGreaterThanOrEqual(400);
      }
    };
    for (const op of ops) await send(op);
    // Signed in, the same bodies reach validation: refused before it, with a short message.
    for (const op of ops.filter((o) => o.json && !o.path.startsWith('/api/v1/auth/'))) await send(op, admin);
    flooding = false;
    await probe;
    const p = (q: number, xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))]!;
    console.log(`flood: ${times.length} requests, answer p50 ${p(0.5, times).toFixed(1)} / p99 ${p(0.99, times).toFixed(1)} / max ${Math.max(...times).toFixed(1)} ms; health probe ${waits.length}×, max ${Math.max(...waits).toFixed(1)} ms`);
    // The fault this guards against held the event loop for 2.4–7.6 s per request. On a quiet
    // machine every answer comes in under 50 ms and the health check within 100 ms (the printed
    // figures); the bounds here leave room for a loaded 2-core CI machine (other suites beside this
    // one: up to 0.4 s seen) without letting a blocked event loop pass.
    expect(p(0.5, times), 'the median answer (ms)').toBeLessThan(50);
    expect(slow, 'answers that took a second or more').toEqual([]);
    expect(Math.max(...waits), 'the longest a health check waited (ms)').toBeLessThan(1000);
  });
});

describe('the hub never calls where a citizen points', () => {
  // Each test is a citizen at an address of their own (the public routes' limits are per address).
  let citizen: ReturnType<typeof fromAddress>;
  let next = 10;
  beforeEach(() => {
    citizen = fromAddress(hub.url, `127.0.0.${next++}`);
  });
  const ask = (code: string, body: unknown) => citizen.post(`/api/v1/track/${code}/notify`, undefined, body);
  const stop = (code: string) => citizen.send('DELETE', `/api/v1/track/${code}/notify`);
  const subscriber = newSubscriber();
  const push = (endpoint: string) => ({ lang: 'en', push: { endpoint, expirationTime: null, keys: subscriber.keys } });

  it('refuses a push endpoint that is not https on a Web Push service, whatever it names, and sends nothing there', async () => {
    const t = await issue();
    for (const endpoint of [
      `${internal.origin}/internal/admin/reboot`, `https://127.0.0.1:${internal.port}/internal`, 'https://[::1]/x', 'https://10.0.0.1:9100/',
      'https://192.168.1.1/router', 'https://fcm.googleapis.com.attacker.example/x', 'https://printer.hall.lan:9100/', 'http://fcm.googleapis.com/fcm/send/x',
      'https://user:pw@fcm.googleapis.com/fcm/send/x',
    ]) {
      const r = await ask(t.trackingCode, push(endpoint));
      expect(r.status, endpoint).toBe(400);
      expect(r.body.error.message, endpoint).toMatch(/push/i);
    }
    // A real subscription (at the push service the operator trusts) goes through; by the time its
    // message has arrived the hub has checked every request it holds, and the LAN got nothing.
    expect((await ask(t.trackingCode, push(`${pushService.origin}/push/one`))).status).toBe(200);
    await expect.poll(() => pushService.got.filter((g) => g.path === '/push/one').length).toBe(1);
    expect(internal.got).toEqual([]);
  });

  it('never follows a redirect from a push service', async () => {
    const t = await issue();
    expect((await ask(t.trackingCode, push(`${pushService.origin}/redirect/abc`))).status).toBe(200);
    await expect.poll(() => pushService.got.filter((g) => g.path === '/redirect/abc').length).toBe(1);
    // Something later reaches the push service: a redirect followed would have reached the LAN by then.
    const later = await issue();
    expect((await ask(later.trackingCode, push(`${pushService.origin}/push/after-redirect`))).status).toBe(200);
    await expect.poll(() => pushService.got.filter((g) => g.path === '/push/after-redirect').length).toBe(1);
    expect(internal.got).toEqual([]);
  });

  it('stopping and asking again sends nothing twice, and one ticket may ask only a few times', async () => {
    const t = await issue('inspection-940');
    const path = `/push/again-${t.number}`;
    expect((await ask(t.trackingCode, push(`${pushService.origin}${path}`))).status).toBe(200);
    await expect.poll(() => pushService.got.filter((g) => g.path === path).length).toBe(1); // "you are next"
    for (let i = 0; i < 4; i++) {
      expect((await stop(t.trackingCode)).status).toBe(204);
      expect((await ask(t.trackingCode, push(`${pushService.origin}${path}`))).status).toBe(200);
    }
    // The fifth ask was the last: a sixth is refused.
    expect((await stop(t.trackingCode)).status).toBe(204);
    expect((await ask(t.trackingCode, push(`${pushService.origin}${path}`))).status).toBe(429);
    // Another ticket's message arrives; this one's "you are next" still came once.
    const other = await issue('inspection-940');
    expect((await ask(other.trackingCode, push(`${pushService.origin}/push/other-${other.number}`))).status).toBe(200);
    await expect.poll(() => pushService.got.filter((g) => g.path === `/push/other-${other.number}`).length).toBe(1);
    expect(pushService.got.filter((g) => g.path === path)).toHaveLength(1);
  });

  it("takes only numbers of the hall's country, and stops texting one number after the day's cap", async () => {
    const t = await issue('commercial-licences');
    for (const phone of ['+44 7700 900123', '0044 7700 900123', '+1 202 555 0100', '+963 944 123 456']) {
      expect((await ask(t.trackingCode, { lang: 'en', phone })).status, phone).toBe(400);
    }
    const settings = (await api.get('/api/v1/admin/notify-settings', admin)).body;
    expect(settings).toMatchObject({ countryCode: '966', foreignNumbers: false, smsPerNumberPerDay: 10 });
    expect((await api.request('PUT', '/api/v1/admin/notify-settings', { token: admin, body: { ...settings, smsPerNumberPerDay: 1 } })).status).toBe(200);
    const phone = '0551234567';
    expect((await ask(t.trackingCode, { lang: 'en', phone })).status).toBe(200);
    await expect.poll(async () => ((await api.get(`/api/v1/admin/notifications?to=${phone}`, admin)).body as unknown[]).length).toBe(1);
    const second = await issue('commercial-licences');
    const refused = await ask(second.trackingCode, { lang: 'en', phone });
    expect(refused.status).toBe(429);
    expect((await ask(second.trackingCode, { lang: 'en', phone: '+966 55 765 4321' })).status).toBe(200);
    expect((await api.request('PUT', '/api/v1/admin/notify-settings', { token: admin, body: settings })).status).toBe(200);
  });
});

describe('no formula in a CSV', () => {
  it("a citizen's comment that a spreadsheet would run reaches the manager's satisfaction CSV neutralised", async () => {
    const clerk = clerks[2]!;
    const t = await issue('land-planning');
    await api.post('/api/v1/counters/counter-2/open', clerk);
    const called = await api.post('/api/v1/counters/counter-2/call-next', clerk);
    expect(called.body.id).toBe(t.id);
    await api.post(`/api/v1/tickets/${t.id}/start`, clerk);
    await api.post(`/api/v1/tickets/${t.id}/complete`, clerk, { outcome: 'completed' });
    const formula = "-2+3+cmd|' /C calc'!A0";
    expect((await fromAddress(hub.url, '127.0.0.30').post(`/api/v1/track/${t.trackingCode}/rating`, undefined, { rating: 1, reason: formula })).status).toBe(204);
    const day = today();
    const res = await fetch(`${hub.url}/api/v1/reports/satisfaction?from=${day}&to=${day}&format=csv&lang=en`, { headers: { authorization: `Bearer ${manager}` } });
    expect(res.status).toBe(200);
    const csv = await res.text();
    const line = csv.split('\r\n').find((l) => l.includes('cmd|'));
    expect(line, csv).toBeDefined();
    expect(line).toContain(`"'${formula.replace(/"/g, '""')}"`);
  });
});

describe('codes a stranger might guess', () => {
  it('booking codes have 12 digits; one guess budget spans every code route, and a right code keeps working for its owner elsewhere', async () => {
    const stranger = fromAddress(hub.url, '127.0.0.4');
    const owner = fromAddress(hub.url, '127.0.0.5');
    const day = tomorrowWeekday();
    const slots = (await owner.get(`/api/v1/public/slots?service=building-permits&date=${day}`)).body;
    const start = slots.slots.find((s: { free: number }) => s.free > 0).start;
    const booked = await owner.post('/api/v1/public/appointments', undefined, { serviceId: 'building-permits', start, name: 'Maher Ali', phone: '0551112233', lang: 'en' });
    expect(booked.status).toBe(201);
    expect(booked.body.code).toMatch(/^\d{12}$/);
    // Twenty wrong codes, spread over booking, tracking and complaint routes…
    const wrong = ['/api/v1/public/appointments/000000000001', '/api/v1/track/ZZZZZZZ1', '/api/v1/public/feedback/ZZZZZZZZZZ', '/api/v1/track/ZZZZZZZ2/notify'];
    for (let i = 0; i < 20; i++) expect((await stranger.get(wrong[i % wrong.length]!)).status).toBe(404);
    // …and the stranger is out of guesses on every such route, even with the right code.
    const after = await stranger.get(`/api/v1/public/appointments/${booked.body.code}`);
    expect(after.status).toBe(429);
    expect(Number(after.headers['retry-after'])).toBeGreaterThan(0);
    expect((await stranger.get('/api/v1/track/ZZZZZZZ3')).status).toBe(429);
    expect((await owner.get(`/api/v1/public/appointments/${booked.body.code}`)).status).toBe(200);
    // A clerk sees the day's bookings without their codes; the manager sees the codes.
    const clerk = clerks[1]!;
    const asClerk = (await api.get(`/api/v1/appointments?date=${day}`, clerk)).body.appointments as Record<string, unknown>[];
    expect(asClerk.length).toBeGreaterThan(0);
    for (const a of asClerk) expect(a).not.toHaveProperty('code');
    expect(JSON.stringify(asClerk)).not.toContain(booked.body.code);
    const asManager = (await api.get(`/api/v1/appointments?date=${day}`, manager)).body.appointments as { code?: string }[];
    expect(asManager.map((a) => a.code)).toContain(booked.body.code);
    // Cancelling through the public page is audited with the address it came from.
    expect((await owner.send('DELETE', `/api/v1/public/appointments/${booked.body.code}`)).status).toBe(200);
    const audit = (await api.get('/api/v1/admin/audit?action=appointment.cancelled', admin)).body as { actor: string; action: string }[];
    expect(audit.some((a) => a.actor === 'ip:127.0.0.5')).toBe(true);
  });
});

describe('the counter records codes, not free text', () => {
  it('an outcome other than the five codes is refused and the ticket stays in service', async () => {
    const clerk = clerks[6]!;
    const t = await issue('certificates');
    await api.post('/api/v1/counters/counter-6/open', clerk);
    const called = await api.post('/api/v1/counters/counter-6/call-next', clerk);
    await api.post(`/api/v1/tickets/${called.body.id}/start`, clerk);
    const r = await api.post(`/api/v1/tickets/${called.body.id}/complete`, clerk, { outcome: 'call 0991234567 Ahmad' });
    expect(r.status).toBe(400);
    expect((await api.get(`/api/v1/tickets/${called.body.id}`, clerk)).body.status).toBe('serving');
    expect((await api.post(`/api/v1/tickets/${called.body.id}/complete`, clerk, { outcome: 'documents_missing' })).status).toBe(200);
    void t;
  });

  it('a report mark with control or bidi-override characters is refused', async () => {
    const day = today();
    for (const label of ['evil\u0000label', 'evil\u202Elabel', ' padded']) {
      expect((await api.post('/api/v1/reports/marks', manager, { day, label })).status, JSON.stringify(label)).toBe(400);
    }
  });
});

/** The demo hall's business day today (Asia/Riyadh). */
const today = () => businessDay(Date.now(), 'Asia/Riyadh');
/** The first Sunday–Thursday after today in the demo hall, as YYYY-MM-DD. */
function tomorrowWeekday(): string {
  let day = addDays(today(), 1);
  while (![0, 1, 2, 3, 4].includes(new Date(`${day}T12:00:00Z`).getUTCDay())) day = addDays(day, 1);
  return day;
}
