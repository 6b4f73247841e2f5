// GET /metrics on central as Prometheus and a stranger would meet it, every answer parsed by a
// strict reader of the text format (test/support/prometheus-text.ts): a real hall joins and
// replicates — central counts the events it wrote and times the pushes (and the public league's
// answers), the hall's own /metrics
// shows its backlog drained and its last success; the fact builder's lag grows while days wait and
// drops when they are built; a hall that stops speaking is counted after 15 minutes; and only a
// monitoring credential the platform admin made opens it from another machine.
//
// Central's clock is Date.now() plus an offset the test moves; its fact builder runs once at start
// and then only when the test flushes it, so a day stays waiting for as long as the test wants.
// Access from "another machine" is played by a central with `metricsFromLoopback: false` (the
// whole of 127.0.0.0/8 is this machine: see test/integration/hub/metrics.test.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningCentral, startCentral } from '../../../electron/central/central.ts';
import { createLogger } from '../../../electron/node-common/log.ts';
import { api, freshDatabase, municipalityWith, signIn } from '../../support/central.ts';
import { type TestHub, startTestHub } from '../../support/hub.ts';
import { type Family, parsePrometheusText, valueOf } from '../../support/prometheus-text.ts';
import { makeTempDir } from '../../support/temp-dir.ts';

const silent = () => createLogger({ level: 'silent', app: 'dawr-central' });

async function scrape(url: string, token?: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${url}/metrics`, { headers: { ...headers, ...(token ? { authorization: `Bearer ${token}` } : {}) } });
  const text = await res.text();
  return { status: res.status, type: res.headers.get('content-type'), families: res.status === 200 ? parsePrometheusText(text) : new Map<string, Family>(), body: res.status === 200 ? undefined : JSON.parse(text) };
}
const metric = async (url: string, name: string, labels: Record<string, string> = {}) => valueOf((await scrape(url)).families, name, labels);

describe('what /metrics shows on central (read from this machine, no token)', () => {
  const tmp = makeTempDir('dawr-central-metrics-');
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  let central: RunningCentral;
  let hall: TestHub | undefined;
  let offsetMs = 0;
  let centres: { id: string; code: string }[];

  beforeAll(async () => {
    db = await freshDatabase();
    central = await startCentral({ dataDir: tmp.path, databaseUrl: db.url, log: silent(), now: () => Date.now() + offsetMs, buildEveryMs: 3_600_000 });
    await central.ctx.auth.createUser({ username: 'platform', password: 'platform-pass', role: 'platform_admin' });
    const token = await signIn(central.url, 'platform', 'platform-pass');
    centres = (await municipalityWith(central.url, token, 'homs', ['north', 'south'])).centres;
  });
  afterAll(async () => {
    await hall?.close();
    await central?.close();
    await db?.drop();
    tmp.remove();
  });

  it('counts what a hall pushes, times the pushes, and the hall sees its backlog drained', async () => {
    const empty = await scrape(central.url);
    expect(empty.status).toBe(200);
    expect(empty.type).toBe('text/plain; version=0.0.4; charset=utf-8');
    expect(valueOf(empty.families, 'dawr_central_events_ingested_total')).toBe(0);
    expect(valueOf(empty.families, 'dawr_central_halls_enrolled')).toBe(0);
    expect(valueOf(empty.families, 'dawr_central_db_up')).toBe(1);
    expect(valueOf(empty.families, 'dawr_central_db_pool_connections', { state: 'idle' })).toBeGreaterThanOrEqual(0);
    expect(valueOf(empty.families, 'dawr_central_db_pool_waiting_queries')).toBe(0);
    expect(valueOf(empty.families, 'dawr_central_info', { version: central.ctx.version })).toBe(1);
    expect(empty.families.has('nodejs_eventloop_lag_seconds')).toBe(true);

    hall = await startTestHub({ more: { central: { url: central.url, enrolCode: centres[0]!.code }, syncEveryMs: 50 } });
    const head = hall.hub.ctx.hall.lastSeq();
    expect(head).toBeGreaterThan(0);
    await expect.poll(() => metric(central.url, 'dawr_central_events_ingested_total'), { timeout: 20_000 }).toBe(head);
    await expect.poll(() => metric(hall!.url, 'dawr_replication_backlog_events'), { timeout: 20_000 }).toBe(0);
    const h = (await scrape(hall.url)).families;
    expect(valueOf(h, 'dawr_replication_enrolled')).toBe(1);
    expect(valueOf(h, 'dawr_replication_failing')).toBe(0);
    expect(valueOf(h, 'dawr_replication_last_success_timestamp_seconds')).toBeGreaterThan(Date.now() / 1000 - 60);

    const c = (await scrape(central.url)).families;
    expect(valueOf(c, 'dawr_central_push_batch_seconds_count', { result: 'ok' })).toBeGreaterThanOrEqual(1);
    expect(valueOf(c, 'dawr_central_halls_enrolled')).toBe(1);
    expect(valueOf(c, 'dawr_central_halls_silent')).toBe(0);

    // A push that leaves a gap is refused (409) and timed as refused; it writes nothing.
    const other = await api<{ credential: string }>(central.url, '/api/v1/sync/enrol', { body: { code: centres[1]!.code, timeZone: 'Asia/Damascus' } });
    expect(other.status).toBe(200);
    const at = new Date().toISOString();
    const gap = await api(central.url, '/api/v1/sync/events', { token: other.body.credential, body: { head: 9, events: [{ seq: 9, day: at.slice(0, 10), event: { type: 'day.opened', at, day: at.slice(0, 10) } }] } });
    expect(gap.status).toBe(409);
    const after = (await scrape(central.url)).families;
    expect(valueOf(after, 'dawr_central_push_batch_seconds_count', { result: 'refused' })).toBe(1);
    expect(valueOf(after, 'dawr_central_events_ingested_total')).toBe(head);
    expect(valueOf(after, 'dawr_central_halls_enrolled')).toBe(2);
  });

  it("times the public league's answers: a table, a revalidation, a refusal, the rate limit's 429", async () => {
    const count = async (answer: string) => (await metric(central.url, 'dawr_central_public_league_seconds_count', { answer })) ?? 0;
    const before = { table: await count('table'), not_modified: await count('not_modified'), refused: await count('refused') };
    // Central ran its league path a thousand times before it listened (warm-up.ts); those are not readers'.
    expect(central.warmedUp.requests).toBe(1000);
    expect(before).toEqual({ table: 0, not_modified: 0, refused: 0 });
    const first = await fetch(`${central.url}/api/v1/public/league`);
    expect(first.status).toBe(200);
    await first.arrayBuffer();
    expect((await fetch(`${central.url}/api/v1/public/league`, { headers: { 'if-none-match': first.headers.get('etag')! } })).status).toBe(304);
    expect((await fetch(`${central.url}/api/v1/public/league.csv?from=2026-13-01`)).status).toBe(400);
    expect(await count('table')).toBe(before.table + 1);
    expect(await count('not_modified')).toBe(before.not_modified + 1);
    expect(await count('refused')).toBe(before.refused + 1);
    // The rate limiter's own 429 (the CSV: 30 a minute per address) is timed as refused too.
    let limited = 0;
    let tables = 0;
    for (let i = 0; i < 40 && !limited; i++) {
      const r = await fetch(`${central.url}/api/v1/public/league.csv`);
      await r.arrayBuffer();
      if (r.status === 429) limited++;
      else tables++;
    }
    expect(limited).toBe(1);
    expect(await count('refused')).toBe(before.refused + 2);
    expect(await count('table')).toBe(before.table + 1 + tables);
    // Every answer falls in a bucket: the +Inf bucket holds them all.
    const families = (await scrape(central.url)).families;
    expect(valueOf(families, 'dawr_central_public_league_seconds_bucket', { answer: 'table', le: '+Inf' })).toBe(before.table + 1 + tables);
  });

  it("shows the fact builder's lag while days wait, and none once they are built", async () => {
    const waiting = (await scrape(central.url)).families;
    expect(valueOf(waiting, 'dawr_central_fact_builder_pending_days')).toBeGreaterThanOrEqual(1);
    offsetMs += 90_000;
    expect(await metric(central.url, 'dawr_central_fact_builder_lag_seconds')).toBeGreaterThanOrEqual(90);
    await central.flush();
    const built = (await scrape(central.url)).families;
    expect(valueOf(built, 'dawr_central_fact_builder_pending_days')).toBe(0);
    expect(valueOf(built, 'dawr_central_fact_builder_lag_seconds')).toBe(0);
  });

  it('counts a hall not heard from for 15 minutes, and the longest silence', async () => {
    expect(await metric(central.url, 'dawr_central_halls_silent')).toBe(0);
    await hall!.close();
    hall = undefined;
    offsetMs += 16 * 60_000;
    const f = (await scrape(central.url)).families;
    // Both halls: the one that stopped, and the one that enrolled and never pushed since.
    expect(valueOf(f, 'dawr_central_halls_silent')).toBe(2);
    expect(valueOf(f, 'dawr_central_halls_longest_silence_seconds')).toBeGreaterThanOrEqual(16 * 60);
  });

  it('answers this machine directly, not a request a local reverse proxy forwards for someone else', async () => {
    expect((await scrape(central.url, undefined, { 'x-forwarded-for': '203.0.113.9' })).status).toBe(401);
  });
});

describe('who may read /metrics on central from another machine', () => {
  const tmp = makeTempDir('dawr-central-metrics-access-');
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  let central: RunningCentral;

  beforeAll(async () => {
    db = await freshDatabase();
    central = await startCentral({ dataDir: tmp.path, databaseUrl: db.url, log: silent(), metricsFromLoopback: false });
    await central.ctx.auth.createUser({ username: 'platform', password: 'platform-pass', role: 'platform_admin' });
  });
  afterAll(async () => {
    await central?.close();
    await db?.drop();
    tmp.remove();
  });

  it('needs a monitoring credential the platform admin made: not none, not a session, not a revoked one', async () => {
    const url = central.url;
    const platform = await signIn(url, 'platform', 'platform-pass');
    await municipalityWith(url, platform, 'homs', []);
    expect((await api(url, '/api/v1/users', { token: platform, body: { username: 'homs-admin', password: 'homs-admin-pass', role: 'municipality_admin', municipalityId: 'homs' } })).status).toBe(201);
    const homsAdmin = await signIn(url, 'homs-admin', 'homs-admin-pass');

    const none = await scrape(url);
    expect(none.status).toBe(401);
    expect(none.body).toEqual({ error: { code: 'unauthorized', message: expect.any(String) } });
    expect((await scrape(url, platform)).status).toBe(401);

    expect((await api(url, '/api/v1/admin/monitoring-tokens', { token: homsAdmin, body: { name: 'prometheus' } })).status).toBe(403);
    const made = await api<{ id: string; name: string; token: string }>(url, '/api/v1/admin/monitoring-tokens', { token: platform, body: { name: 'prometheus of the platform' } });
    expect(made.status).toBe(201);
    expect(made.body).toEqual({ id: expect.any(String), name: 'prometheus of the platform', token: expect.any(String) });
    const { id, token } = made.body;

    const ok = await scrape(url, token);
    expect(ok.status).toBe(200);
    expect(valueOf(ok.families, 'dawr_central_db_up')).toBe(1);
    // It reads /metrics and nothing else.
    expect((await api(url, '/api/v1/me', { token })).status).toBe(401);
    expect((await api(url, '/api/v1/admin/monitoring-tokens', { token })).status).toBe(401);

    const list = await api<unknown[]>(url, '/api/v1/admin/monitoring-tokens', { token: platform });
    expect(list.body).toEqual([{ id, name: 'prometheus of the platform', createdAt: expect.any(String), createdBy: expect.any(String), revokedAt: null }]);
    expect(JSON.stringify(list.body)).not.toContain(token);

    expect((await api(url, `/api/v1/admin/monitoring-tokens/${id}/revoke`, { token: platform, method: 'POST' })).status).toBe(204);
    expect((await scrape(url, token)).status).toBe(401);
    expect((await api(url, `/api/v1/admin/monitoring-tokens/${id}/revoke`, { token: platform, method: 'POST' })).status).toBe(404);

    const audit = await api<{ action: string; target: string }[]>(url, '/api/v1/audit?action=monitoring_token', { token: platform });
    expect(audit.body.map((a) => a.action).sort()).toEqual(['monitoring_token.created', 'monitoring_token.revoked']);
    expect(audit.body.every((a) => a.target === id)).toBe(true);
  });
});
