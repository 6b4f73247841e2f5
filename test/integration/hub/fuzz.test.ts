// Every endpoint fed invalid and random input: a 4xx with the error shape, never a 5xx or a
// crash, and a refused request changes nothing.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestHub, startTestHub } from '../../support/hub.ts';

let t: TestHub;
let admin: string;
let clerk: string;
let ticketId: string;
beforeAll(async () => {
  t = await startTestHub({ issuePerMinute: 100_000 });
  admin = await t.api.login('admin', 'dawr-admin');
  clerk = await t.api.login('clerk1', 'dawr-clerk');
  ticketId = (await t.api.post('/api/v1/tickets', admin, { serviceId: 'building-permits', lang: 'ar' })).body.id;
  await t.api.post('/api/v1/counters/counter-1/open', clerk);
});
afterAll(async () => { await t.close(); });

interface Op { method: string; path: string }
async function operations(): Promise<Op[]> {
  const spec = (await t.api.get('/api/v1/openapi.json')).body as { paths: Record<string, Record<string, unknown>> };
  return Object.entries(spec.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => ({
    method: m.toUpperCase(),
    path: path.replace('{id}', path.includes('/tickets/') ? ticketId : 'counter-1').replace('{code}', 'ABCDEFGHJK'),
  })));
}

const junk = fc.oneof(
  fc.jsonValue(),
  fc.record({ serviceId: fc.string(), lang: fc.string(), priority: fc.string(), idSealed: fc.string() }, { requiredKeys: [] }),
  fc.record({ username: fc.string(), password: fc.string(), code: fc.string(), name: fc.string(), role: fc.string(), rating: fc.integer(), outcome: fc.anything() }, { requiredKeys: [] }),
);
const rawJunk = fc.oneof(fc.string(), fc.constant('{'), fc.constant('[]'), fc.constant('null'), fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b).toString('latin1')));

/** What a refused request must not change: the event log, today's tickets and counters, and the suggestions and complaints. */
const fingerprint = () => JSON.stringify({ seq: t.hub.ctx.hall.lastSeq(), tickets: [...t.hub.ctx.hall.state.tickets.values()], counters: [...t.hub.ctx.hall.state.counters.values()], feedback: t.hub.ctx.feedback?.list({ limit: 500 }) });

describe('random and invalid input', () => {
  it('gets a 4xx with the error shape on every POST endpoint and changes nothing', async () => {
    const posts = (await operations()).filter((o) => o.method === 'POST');
    expect(posts.length).toBeGreaterThan(15);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...posts), fc.constantFrom(admin, clerk, undefined), junk, async (op, token, body) => {
        const before = fingerprint();
        const r = await t.api.request('POST', op.path, { ...(token ? { token } : {}), body });
        expect(r.status, `${op.path} ${JSON.stringify(body)}`).toBeLessThan(500);
        if (r.status >= 400) {
          expect(r.body.error.code).toEqual(expect.any(String));
          expect(fingerprint(), `${op.path} changed the hall although refused`).toBe(before);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('survives raw garbage bodies, content types and paths', async () => {
    const ops = await operations();
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...ops), rawJunk, fc.constantFrom('application/json', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data'), async (op, raw, type) => {
        const before = fingerprint();
        const r = await fetch(`${t.url}${op.path}`, { method: op.method, headers: { authorization: `Bearer ${admin}`, 'content-type': type }, ...(op.method === 'GET' ? {} : { body: raw }) });
        expect(r.status).toBeLessThan(500);
        if (r.status >= 400) expect(fingerprint()).toBe(before);
        await r.arrayBuffer();
      }),
      { numRuns: 200 },
    );
    await fc.assert(
      fc.asyncProperty(fc.webPath(), fc.constantFrom('GET', 'POST', 'DELETE', 'PUT'), async (path, method) => {
        const r = await fetch(`${t.url}/api/v1${path}`, { method, headers: { authorization: `Bearer ${admin}` } });
        expect(r.status).toBeLessThan(500);
        await r.arrayBuffer();
      }),
      { numRuns: 200 },
    );
    expect((await t.api.get('/api/health')).status).toBe(200);
  });
});
