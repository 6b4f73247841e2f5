// Suggestions and complaints over a real hub: a citizen files one with no sign-in and follows it by
// its reference; staff assign, answer and close it (audited); every bad input is a 400 in the error
// shape that stores nothing; the public view never carries the text or the contact; filings are
// rate-limited per address; the personal fields go after the retention period and never reach the log.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { manualClock } from '../../../shared/domain/clock.ts';
import { startHub } from '../../../electron/hub/hub.ts';
import { createLogger } from '../../../electron/node-common/log.ts';
import { ApiClient, type TestHub, startTestHub } from '../../support/hub.ts';

let t: TestHub | undefined;
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  await t?.close();
  t = undefined;
  for (const c of cleanups.splice(0)) await c();
});

const TEXT = 'الممر المؤدي إلى الشباك 3 مظلم، والمقاعد قليلة.\nأقترح إضافة مقاعد.';
const CONTACT = '+966 55 123 4567';
const REF = /^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{10}$/;

async function file(api: ApiClient, body: Record<string, unknown>) {
  const r = await api.post('/api/v1/public/feedback', undefined, body);
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  expect(r.body.reference).toMatch(REF);
  return r.body.reference as string;
}

describe('suggestions and complaints', () => {
  it('are filed without signing in and followed by reference; the public view shows no text or contact', async () => {
    t = await startTestHub();
    const ref = await file(t.api, { category: 'suggestion', text: TEXT, contact: CONTACT });
    const grouped = `${ref.slice(0, 5)}-${ref.slice(5)}`.toLowerCase();
    const seen = await t.api.get(`/api/v1/public/feedback/${grouped}`);
    expect(seen.status).toBe(200);
    expect(seen.body).toMatchObject({ reference: ref, category: 'suggestion', status: 'open' });
    expect(Object.keys(seen.body).sort()).toEqual(['category', 'createdAt', 'reference', 'status', 'updatedAt']);
    expect(JSON.stringify(seen.body)).not.toContain('123');

    const unknown = await t.api.get('/api/v1/public/feedback/AAAAA-AAAAA');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('not_found');
    for (const bad of ['short', 'AAAAA-AAAA0', 'x'.repeat(30)]) {
      const r = await t.api.get(`/api/v1/public/feedback/${bad}`);
      expect(r.status, bad).toBe(400);
      expect(r.body.error.code).toBe('invalid_input');
    }

    const spec = (await t.api.get('/api/v1/openapi.json')).body;
    expect(spec.paths['/api/v1/public/feedback'].post.requestBody.content['application/json'].schema.properties.category.enum)
      .toEqual(['service', 'staff', 'building', 'suggestion', 'praise', 'municipal_report']);
    expect(spec.paths['/api/v1/public/feedback/{reference}'].get.responses['404']).toBeDefined();
  });

  it('staff list, assign, answer and close them, each change audited; the citizen sees the answer', async () => {
    t = await startTestHub();
    const supervisor = await t.api.login('supervisor', 'dawr-supervisor');
    const manager = await t.api.login('manager', 'dawr-manager');
    const clerk = await t.api.login('clerk1', 'dawr-clerk');
    const ticket = (await t.api.post('/api/v1/tickets', supervisor, { serviceId: 'reception', lang: 'ar' })).body;
    const ref = await file(t.api, { category: 'staff', text: 'The clerk was very helpful', lang: 'en', trackingCode: ticket.trackingCode });
    await file(t.api, { category: 'building', text: 'No shade at the entrance' });

    expect((await t.api.get('/api/v1/feedback', clerk)).status).toBe(403);
    expect((await t.api.get('/api/v1/feedback')).status).toBe(401);
    const all = await t.api.get('/api/v1/feedback', supervisor);
    expect(all.body).toHaveLength(2);
    const only = await t.api.get('/api/v1/feedback?category=staff&status=open', supervisor);
    expect(only.body).toHaveLength(1);
    expect(only.body[0]).toMatchObject({ reference: ref, text: 'The clerk was very helpful', lang: 'en', serviceId: 'reception', ticketNumber: ticket.number, purged: false });

    const assignees = (await t.api.get('/api/v1/feedback/assignees', supervisor)).body as { id: string; username: string }[];
    const mgr = assignees.find((a) => a.username === 'manager')!;
    expect(assignees.some((a) => a.username.startsWith('clerk'))).toBe(false);
    const assigned = await t.api.post(`/api/v1/feedback/${ref}/assign`, supervisor, { userId: mgr.id, note: 'internal: check the roster' });
    expect(assigned.status).toBe(200);
    expect(assigned.body).toMatchObject({ status: 'in_progress', assignedTo: mgr.id });
    const clerkId = (await t.api.get('/api/v1/me', clerk)).body.id;
    expect((await t.api.post(`/api/v1/feedback/${ref}/assign`, supervisor, { userId: clerkId })).status).toBe(400);

    const answered = await t.api.post(`/api/v1/feedback/${ref}/answer`, manager, { answer: 'Thank you, we told the team.' });
    expect(answered.body).toMatchObject({ status: 'answered', answer: 'Thank you, we told the team.' });
    const pub = (await t.api.get(`/api/v1/public/feedback/${ref}`)).body;
    expect(pub).toMatchObject({ status: 'answered', answer: 'Thank you, we told the team.' });
    expect(JSON.stringify(pub)).not.toMatch(/internal|helpful/);

    expect((await t.api.post(`/api/v1/feedback/${ref}/close`, manager, {})).body.status).toBe('closed');
    const again = await t.api.post(`/api/v1/feedback/${ref}/answer`, manager, { answer: 'more' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('illegal_transition');
    expect((await t.api.post('/api/v1/feedback/AAAAAAAAAA/close', manager, {})).status).toBe(404);
    expect((await t.api.get(`/api/v1/public/feedback/${ref}`)).body).toMatchObject({ status: 'closed', answer: 'Thank you, we told the team.' });

    const audit = (await t.api.get('/api/v1/admin/audit?action=feedback.', await t.api.login('admin', 'dawr-admin'))).body as { action: string; target: string }[];
    expect(audit.map((a) => a.action).sort()).toEqual(['feedback.answered', 'feedback.assigned', 'feedback.closed']);
    expect(audit.every((a) => a.target === ref)).toBe(true);

    const summary = (await t.api.get('/api/v1/feedback/summary', manager)).body;
    expect(summary).toMatchObject({ open: 1, inProgress: 0, answered: 0, newToday: 2, closedLast30Days: 1, byCategory: { building: 1 } });
    expect(summary.medianHoursToClose).toBeGreaterThanOrEqual(0);
  });

  it('an answer is sent once, told by SMS to a phone left as contact, with the follow link; closing can be undone; late ones are counted as overdue', async () => {
    // Sunday 6 December 2026, 10:00 in Riyadh; the hall works Sunday to Thursday.
    const clock = manualClock(Date.parse('2026-12-06T10:00:00+03:00'));
    t = await startTestHub({ clock });
    const manager = await t.api.login('manager', 'dawr-manager');
    const withPhone = await file(t.api, { category: 'service', text: 'We waited two hours.', contact: CONTACT, lang: 'en' });
    const withMail = await file(t.api, { category: 'praise', text: 'Very kind staff.', contact: 'me@example.org' });
    const r = await t.api.post(`/api/v1/feedback/${withPhone}/answer`, manager, { answer: 'Sorry: we opened a second counter for it.' });
    expect(r.body).toMatchObject({ status: 'answered', answeredBy: 'manager', answerSent: 'sms' });
    await t.hub.ctx.citizen!.notifier.settled();
    const sms = (await t.api.get(`/api/v1/admin/notifications?to=${encodeURIComponent('+966551234567')}`, await t.api.login('admin', 'dawr-admin'))).body as { kind: string; text: string }[];
    expect(sms[0]).toMatchObject({ kind: 'answered' });
    expect(sms[0]!.text).toContain(`${withPhone.slice(0, 5)}-${withPhone.slice(5)}`);
    expect(sms[0]!.text).toMatch(new RegExp(`http://127\\.0\\.0\\.1:\\d+/feedback/${withPhone}$`));
    // Locked once sent.
    const twice = await t.api.post(`/api/v1/feedback/${withPhone}/answer`, manager, { answer: 'another answer' });
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe('conflict');
    expect((await t.api.get(`/api/v1/public/feedback/${withPhone}`)).body.answer).toBe('Sorry: we opened a second counter for it.');
    // An e-mail address is not a phone: the citizen reads the answer on their page.
    expect((await t.api.post(`/api/v1/feedback/${withMail}/answer`, manager, { answer: 'Thank you!' })).body).toMatchObject({ answerSent: 'none' });
    // Closed, then reopened: back to answered, both audited.
    expect((await t.api.post(`/api/v1/feedback/${withPhone}/close`, manager, {})).body.status).toBe('closed');
    const reopened = await t.api.post(`/api/v1/feedback/${withPhone}/reopen`, manager, {});
    expect(reopened.body).toMatchObject({ status: 'answered', answer: 'Sorry: we opened a second counter for it.' });
    expect((await t.api.post(`/api/v1/feedback/${withPhone}/reopen`, manager, {})).status).toBe(409);

    // Overdue after 3 working days: filed Sunday, still unanswered on Thursday → not yet (Mon–Wed, 3);
    // the next Sunday (Thursday makes 4) → overdue. Friday and Saturday do not count.
    const waiting = await file(t.api, { category: 'staff', text: 'Rude at counter 2.' });
    clock.set(Date.parse('2026-12-09T16:00:00+03:00'));
    let m = await t.api.login('manager', 'dawr-manager');
    expect((await t.api.get('/api/v1/feedback/summary', m)).body).toMatchObject({ overdue: 0, deadlineWorkingDays: 3 });
    clock.set(Date.parse('2026-12-13T09:00:00+03:00'));
    m = await t.api.login('manager', 'dawr-manager');
    expect((await t.api.get('/api/v1/feedback/summary', m)).body.overdue).toBe(1);
    const list = (await t.api.get('/api/v1/feedback', m)).body as { reference: string; overdue: boolean }[];
    expect(list.find((i) => i.reference === waiting)!.overdue).toBe(true);
    expect(list.find((i) => i.reference === withPhone)!.overdue).toBe(false);
  });

  it('answer every bad input with a 400 in the error shape and store nothing', async () => {
    t = await startTestHub({ feedbackPer10Minutes: 100 });
    const manager = await t.api.login('manager', 'dawr-manager');
    const bad: [string, unknown][] = [
      ['no category', { text: 'hello' }],
      ['unknown category', { category: 'complaint', text: 'hello' }],
      ['no text', { category: 'service' }],
      ['empty text', { category: 'service', text: '' }],
      ['text too long', { category: 'service', text: 'x'.repeat(2001) }],
      ['bidi override', { category: 'service', text: 'evil \u202E txt' }],
      ['control character', { category: 'service', text: 'bell \u0007' }],
      ['text not a string', { category: 'service', text: 42 }],
      ['contact too long', { category: 'service', text: 'hello', contact: '1'.repeat(121) }],
      ['contact on two lines', { category: 'service', text: 'hello', contact: 'a\nb' }],
      ['unknown field', { category: 'service', text: 'hello', name: 'me' }],
      ['bad language', { category: 'service', text: 'hello', lang: 'fr' }],
      ['bad tracking code', { category: 'service', text: 'hello', trackingCode: 'lower-case' }],
      ['an array', [{ category: 'service', text: 'hello' }]],
    ];
    for (const [why, body] of bad) {
      const r = await t.api.post('/api/v1/public/feedback', undefined, body);
      expect(r.status, why).toBe(400);
      expect(r.body.error.code, why).toBe('invalid_input');
      expect(typeof r.body.error.message, why).toBe('string');
    }
    const raw = await t.api.request('POST', '/api/v1/public/feedback', { raw: '{"category":"service",' });
    expect(raw.status).toBe(400);
    const huge = await t.api.request('POST', '/api/v1/public/feedback', { raw: JSON.stringify({ category: 'service', text: 'x', pad: 'y'.repeat(20_000) }) });
    expect(huge.status).toBe(400);
    expect(huge.body.error.code).toBe('invalid_input');
    expect((await t.api.get('/api/v1/feedback', manager)).body).toEqual([]);
  });

  it('are rate-limited per address: the sixth filing in ten minutes is a 429 and is not stored', async () => {
    t = await startTestHub();
    for (let i = 0; i < 5; i++) await file(t.api, { category: 'service', text: `filing ${i}` });
    const sixth = await t.api.post('/api/v1/public/feedback', undefined, { category: 'service', text: 'one too many' });
    expect(sixth.status).toBe(429);
    expect(sixth.body.error.code).toBe('rate_limited');
    expect((await t.api.get('/api/v1/feedback', await t.api.login('manager', 'dawr-manager'))).body).toHaveLength(5);
  });

  it('lose their text, contact and answer once closed longer than the retention period; open ones keep them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dawr-feedback-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const clock = manualClock(Date.now());
    t = await startTestHub({ dir, clock });
    const manager = await t.api.login('manager', 'dawr-manager');
    const closed = await file(t.api, { category: 'municipal_report', text: TEXT, contact: CONTACT });
    const open = await file(t.api, { category: 'suggestion', text: 'still open', contact: 'me@example.org' });
    await t.api.post(`/api/v1/feedback/${closed}/answer`, manager, { answer: 'Done, thank you.' });
    await t.api.post(`/api/v1/feedback/${closed}/close`, manager, { note: 'fixed the lights' });
    await t.close();

    clock.advance(31 * 86_400_000);
    t = await startTestHub({ dir, clock });
    const m2 = await t.api.login('manager', 'dawr-manager');
    const items = (await t.api.get('/api/v1/feedback', m2)).body as Record<string, unknown>[];
    const gone = items.find((i) => i.reference === closed)!;
    expect(gone).toMatchObject({ status: 'closed', category: 'municipal_report', purged: true });
    expect(gone).not.toHaveProperty('text');
    expect(gone).not.toHaveProperty('contact');
    expect(gone).not.toHaveProperty('answer');
    expect(gone).not.toHaveProperty('note');
    expect(items.find((i) => i.reference === open)).toMatchObject({ text: 'still open', contact: 'me@example.org', purged: false });
    expect((await t.api.get(`/api/v1/public/feedback/${closed}`)).body).toMatchObject({ status: 'closed' });
  });

  it('never write the text or the contact into the log', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dawr-feedback-log-'));
    const lines: string[] = [];
    const hub = await startHub({ dataDir: dir, port: 0, demo: true, log: createLogger({ level: 'trace', destination: { write: (s: string) => void lines.push(s) } }) });
    cleanups.push(async () => { await hub.close(); rmSync(dir, { recursive: true, force: true }); });
    const api = new ApiClient(hub.url);
    const secret = 'SECRET-MARKER-zq';
    const ref = await file(api, { category: 'service', text: `${secret} ${TEXT}`, contact: 'secret.person@example.org' });
    await api.post('/api/v1/public/feedback', undefined, { category: 'nope', text: secret, contact: 'secret.person@example.org' });
    const manager = await api.login('manager', 'dawr-manager');
    await api.post(`/api/v1/feedback/${ref}/answer`, manager, { answer: `${secret} answered` });
    await api.get('/api/v1/feedback', manager);
    const all = lines.join('\n');
    expect(lines.length).toBeGreaterThan(0);
    expect(all).not.toContain(secret);
    expect(all).not.toContain('secret.person');
    expect(all).not.toContain('123 4567');
  });
});
