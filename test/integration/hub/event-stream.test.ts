// Screens on the event stream: a snapshot first, then every change in order with no gap in seq;
// a reconnect with the last seq gets exactly what it missed, or a fresh snapshot.
import { request } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { screensOn } from '../../support/event-stream.ts';
import { type TestHub, startTestHub } from '../../support/hub.ts';

let t: TestHub;
let admin: string;
let clerk: string;
let kiosk: string;
const screens = screensOn(() => t.url);
const screen = screens.open;

beforeEach(async () => {
  t = await startTestHub();
  admin = await t.api.login('admin', 'dawr-admin');
  clerk = await t.api.login('clerk7', 'dawr-clerk');
  kiosk = await t.api.pairDevice(admin, 'kiosk', 'Kiosk');
});
afterEach(async () => {
  await screens.closeAll();
  await t.close();
});

/** The HTTP status a WebSocket upgrade request gets (fetch cannot send one). */
function upgradeStatus(path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(`${t.url}${path}`, { agent: false, headers: { connection: 'Upgrade', upgrade: 'websocket', 'sec-websocket-version': '13', 'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==' } });
    req.on('upgrade', (res, socket) => {
      socket.destroy();
      resolve(res.statusCode ?? 0);
    });
    req.on('response', (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

const expectGapFree = (seqs: number[]) => seqs.forEach((s, i) => i > 0 && expect(s).toBe(seqs[i - 1]! + 1));

describe('the event stream', () => {
  it('sends a snapshot, then every change in order with gap-free seq', async () => {
    const display = screen(await t.api.pairDevice(admin, 'display', 'Hall screen'));
    const first = await display.waitFor((m) => m.kind === 'snapshot');
    expect(first).toBe(display.messages[0]);
    const tk = (await t.api.post('/api/v1/tickets', kiosk, { serviceId: 'reception', lang: 'ar' })).body;
    await t.api.post('/api/v1/counters/counter-7/open', clerk);
    await t.api.post('/api/v1/counters/counter-7/call-next', clerk);
    await t.api.post(`/api/v1/tickets/${tk.id}/recall`, clerk);
    await t.api.post(`/api/v1/tickets/${tk.id}/start`, clerk);
    await t.api.post(`/api/v1/tickets/${tk.id}/complete`, clerk, { outcome: 'completed', note: 'private remark' });
    await display.waitFor((m) => m.type === 'ticket.completed');
    const events = display.events;
    expect(events.map((e) => e.type)).toEqual(['ticket.issued', 'counter.opened', 'ticket.called', 'ticket.recalled', 'ticket.started', 'ticket.completed']);
    expect(events[0]!.seq).toBe(first.snapshot!.seq + 1);
    expectGapFree(events.map((e) => e.seq!));
    expect(events[2]).toMatchObject({ ticketId: tk.id, counterId: 'counter-7' });
    // A hall screen never receives a clerk's note; a staff screen does.
    expect(JSON.stringify(display.messages)).not.toContain('private remark');
  });

  it('delivers the same changes in the same order to many screens', async () => {
    const screens = await Promise.all(Array.from({ length: 20 }, async () => {
      const s = screen(admin);
      await s.waitFor((m) => m.kind === 'snapshot');
      return s;
    }));
    const writers = Array.from({ length: 4 }, () => Promise.all(Array.from({ length: 5 }, () => t.api.post('/api/v1/tickets', kiosk, { serviceId: 'certificates', lang: 'en' }))));
    await Promise.all(writers);
    const last = t.hub.ctx.hall.lastSeq();
    await Promise.all(screens.map((s) => s.waitFor((m) => m.seq === last)));
    const reference = screens[0]!.events.map((e) => `${e.seq}:${e.type}`);
    expect(reference).toHaveLength(20);
    for (const s of screens) expect(s.events.map((e) => `${e.seq}:${e.type}`)).toEqual(reference);
  });

  it('resumes from the last seq with exactly the missed events', async () => {
    const s1 = screen(admin);
    await s1.waitFor((m) => m.kind === 'snapshot');
    await t.api.post('/api/v1/tickets', kiosk, { serviceId: 'reception', lang: 'ar' });
    const seen = await s1.waitFor((m) => m.type === 'ticket.issued');
    await s1.close();
    // Missed while disconnected:
    const missed = [];
    for (let i = 0; i < 3; i++) missed.push((await t.api.post('/api/v1/tickets', kiosk, { serviceId: 'reception', lang: 'ar' })).body.number);
    const s2 = screen(admin, seen.seq);
    const last = t.hub.ctx.hall.lastSeq();
    await s2.waitFor((m) => m.seq === last);
    expect(s2.messages.some((m) => m.kind === 'snapshot')).toBe(false);
    const replayed = s2.messages.filter((m) => m.kind === 'event');
    expect(replayed.map((m) => (m.ticket as { number: string }).number)).toEqual(missed);
    expect(replayed[0]!.seq).toBe(seen.seq! + 1);
    expectGapFree(replayed.map((m) => m.seq!));
  });

  it('sends a fresh snapshot when the seq to resume from is unknown', async () => {
    const s = screen(admin, 999_999);
    const m = await s.waitFor(() => true);
    expect(m.kind).toBe('snapshot');
    expect(m.snapshot!.seq).toBe(t.hub.ctx.hall.lastSeq());
  });

  it('refuses a screen without a valid token before the upgrade', async () => {
    expect(await upgradeStatus('/api/v1/events?token=forged')).toBe(401);
    expect(await upgradeStatus('/api/v1/events')).toBe(401);
    expect(await upgradeStatus(`/api/v1/events?since=abc&token=${admin}`)).toBe(400);
    expect(await upgradeStatus(`/api/v1/events?token=${admin}`)).toBe(101);
  });

  it('lets the hub stop at once even when a screen never answers its "hub stopping"', async () => {
    // A screen that is frozen or gone: it upgrades, then never reads or answers again.
    const socket = await new Promise<import('node:net').Socket>((resolve, reject) => {
      const req = request(`${t.url}/api/v1/events?token=${admin}`, { agent: false, headers: { connection: 'Upgrade', upgrade: 'websocket', 'sec-websocket-version': '13', 'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==' } });
      req.on('upgrade', (_res, s) => resolve(s));
      req.on('error', reject);
      req.end();
    });
    socket.pause();
    const cut = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    // ws alone would wait 30 s for the answer; the hub cuts the socket after a second's grace.
    let bound: NodeJS.Timeout | undefined;
    const stopped = await Promise.race([
      t.hub.close().then(() => 'stopped'),
      new Promise<string>((resolve) => { bound = setTimeout(() => resolve('still stopping after 10 s'), 10_000); }),
    ]);
    clearTimeout(bound);
    expect(stopped).toBe('stopped');
    socket.resume();
    await cut;
  });
});
