// GET /metrics on the hub as Prometheus and a stranger would meet it: every answer parsed by a
// strict reader of the text format (test/support/prometheus-text.ts); the figures move as the hall
// does (tickets waiting per service, issue and commit latencies, screens connected, devices not
// ready, the link to central, a real backup written and one that failed); nothing personal in any
// label; and who may read it.
//
// Loopback and "another machine": the whole of 127.0.0.0/8 is this machine, so a client on
// 127.0.0.2 is still loopback to the hub. The access rules are therefore tested on a hub started
// with `metricsFromLoopback: false` (the loopback exemption switched off, as `loopbackExempt` does
// for sign-ins) — that runs on any machine; the exemption itself is tested by a hub on 127.0.0.1
// (a direct request passes, one through a local proxy with X-Forwarded-For does not) and, where
// the machine has a network interface, by a hub listening on that address, which a request to it
// reaches from a non-loopback address even from this machine.
import { writeFileSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventStreamClient } from '../../support/event-stream.ts';
import { type TestHub, startTestHub } from '../../support/hub.ts';
import { type Family, parsePrometheusText, samplesOf, valueOf } from '../../support/prometheus-text.ts';

const SERVICE = 'building-permits';

async function scrape(url: string, token?: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${url}/metrics`, { headers: { ...headers, ...(token ? { authorization: `Bearer ${token}` } : {}) } });
  const text = await res.text();
  return { status: res.status, type: res.headers.get('content-type'), text, families: res.status === 200 ? parsePrometheusText(text) : new Map<string, Family>(), body: res.status === 200 ? undefined : JSON.parse(text) };
}
const metric = async (url: string, name: string, labels: Record<string, string> = {}) => valueOf((await scrape(url)).families, name, labels);

describe('what /metrics shows on a hub (read from this machine, no token)', () => {
  let t: TestHub;
  let admin: string;
  let kiosk: string;
  let clerk: string;

  beforeAll(async () => {
    t = await startTestHub({ more: { backupKey: { kind: 'passphrase', passphrase: 'a passphrase kept in the safe' } } });
    admin = await t.api.login('admin', 'dawr-admin');
    kiosk = await t.api.pairDevice(admin, 'kiosk', 'Kiosk');
    clerk = await t.api.login('clerk1', 'dawr-clerk');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('follows the queue: three tickets issued are three waiting and three issue latencies; a call leaves two', async () => {
    const before = await scrape(t.url);
    expect(before.status).toBe(200);
    expect(before.type).toBe('text/plain; version=0.0.4; charset=utf-8');
    expect(valueOf(before.families, 'dawr_tickets_waiting', { service: SERVICE })).toBe(0);
    expect(valueOf(before.families, 'dawr_ticket_issue_seconds_count')).toBe(0);
    const commitsBefore = valueOf(before.families, 'dawr_store_commit_seconds_count')!;

    const tickets = [];
    for (let i = 0; i < 3; i++) {
      const r = await t.api.post('/api/v1/tickets', kiosk, { serviceId: SERVICE, lang: 'ar' });
      expect(r.status).toBe(201);
      tickets.push(r.body);
    }
    const after = await scrape(t.url);
    expect(valueOf(after.families, 'dawr_tickets_waiting', { service: SERVICE })).toBe(3);
    expect(valueOf(after.families, 'dawr_ticket_issue_seconds_count')).toBe(3);
    expect(valueOf(after.families, 'dawr_ticket_issue_seconds_bucket', { le: '+Inf' })).toBe(3);
    expect(valueOf(after.families, 'dawr_ticket_issue_seconds_sum')).toBeGreaterThan(0);
    // Each issue is at least one commit of the log, each commit timed.
    expect(valueOf(after.families, 'dawr_store_commit_seconds_count')! - commitsBefore).toBeGreaterThanOrEqual(3);
    expect(valueOf(after.families, 'dawr_store_committed_events_total')).toBeGreaterThanOrEqual(3);
    expect(valueOf(after.families, 'dawr_queue_longest_wait_seconds', { service: SERVICE })).toBeGreaterThanOrEqual(0);
    const target = t.hub.ctx.hall.state.services.get(SERVICE)!.targetWaitMinutes * 60;
    expect(valueOf(after.families, 'dawr_service_target_wait_seconds', { service: SERVICE })).toBe(target);
    // Every service of the hall has its series, waiting or not.
    expect(samplesOf(after.families, 'dawr_tickets_waiting').map((s) => s.labels.service).sort()).toEqual([...t.hub.ctx.hall.state.services.keys()].sort());

    expect((await t.api.post('/api/v1/counters/counter-1/open', clerk)).status).toBe(200);
    expect((await t.api.post('/api/v1/counters/counter-1/call-next', clerk)).status).toBe(200);
    const called = await scrape(t.url);
    expect(valueOf(called.families, 'dawr_tickets_waiting', { service: SERVICE })).toBe(2);
    expect(valueOf(called.families, 'dawr_counters', { state: 'open' })).toBeGreaterThanOrEqual(1);
    // A refused issue (an unknown service) is not an issue latency.
    expect((await t.api.post('/api/v1/tickets', kiosk, { serviceId: 'no-such-service', lang: 'ar' })).status).toBeGreaterThanOrEqual(400);
    expect(await metric(t.url, 'dawr_ticket_issue_seconds_count')).toBe(3);

    // Nothing personal: no label carries a ticket's id, number or tracking code, or a person's name.
    const secrets = tickets.flatMap((x) => [x.id, x.number, x.trackingCode]).concat(['admin', 'clerk1']);
    for (const f of called.families.values()) for (const s of f.samples) for (const v of Object.values(s.labels)) expect(secrets).not.toContain(v);
  });

  it('counts the screens on the event stream', async () => {
    expect(await metric(t.url, 'dawr_event_stream_clients')).toBe(0);
    const screen = new EventStreamClient(t.url, admin);
    await screen.opened;
    await expect.poll(() => metric(t.url, 'dawr_event_stream_clients')).toBe(1);
    await screen.close();
    await expect.poll(() => metric(t.url, 'dawr_event_stream_clients')).toBe(0);
  });

  it('counts devices that are not ready as their stations report them', async () => {
    expect(await metric(t.url, 'dawr_devices_not_ready')).toBe(0);
    expect((await t.api.post('/api/v1/devices/health', kiosk, { device: 'printer', state: 'paper_out' })).status).toBe(204);
    const out = await scrape(t.url);
    expect(valueOf(out.families, 'dawr_devices_not_ready')).toBe(1);
    expect(valueOf(out.families, 'dawr_devices', { state: 'paper_out' })).toBe(1);
    // Paper low still prints.
    expect((await t.api.post('/api/v1/devices/health', kiosk, { device: 'printer', state: 'paper_low' })).status).toBe(204);
    expect(await metric(t.url, 'dawr_devices_not_ready')).toBe(0);
  });

  it('reports the link to central: not joined, nothing waiting, no success yet', async () => {
    const f = (await scrape(t.url)).families;
    expect(valueOf(f, 'dawr_replication_enrolled')).toBe(0);
    expect(valueOf(f, 'dawr_replication_backlog_events')).toBe(0);
    expect(valueOf(f, 'dawr_replication_failing')).toBe(0);
    // Known but without a sample: absent in Prometheus, not a made-up zero.
    expect(f.get('dawr_replication_last_success_timestamp_seconds')?.samples).toEqual([]);
  });

  it('shows the last backup as the hub recorded it: none, then a verified one, then a failed attempt', async () => {
    const none = (await scrape(t.url)).families;
    expect(none.get('dawr_backup_last_success_timestamp_seconds')?.samples).toEqual([]);
    expect(none.get('dawr_backup_last_size_bytes')?.samples).toEqual([]);
    expect(valueOf(none, 'dawr_backup_last_attempt_failed')).toBe(0);

    const made = await t.hub.ctx.backups!.run(join(t.dir, 'usb'), 3);
    if (!made.ok) throw new Error(made.error);
    const ok = (await scrape(t.url)).families;
    expect(valueOf(ok, 'dawr_backup_last_success_timestamp_seconds')).toBe(Date.parse(made.verifiedAt) / 1000);
    expect(valueOf(ok, 'dawr_backup_last_size_bytes')).toBe(made.size);
    expect(valueOf(ok, 'dawr_backup_last_attempt_failed')).toBe(0);
    expect(ok.get('dawr_backup_last_failure_timestamp_seconds')?.samples).toEqual([]);

    // A folder that cannot be made (its parent is a file): the attempt fails and is recorded.
    writeFileSync(join(t.dir, 'not-a-folder'), '');
    const failed = await t.hub.ctx.backups!.run(join(t.dir, 'not-a-folder', 'usb'), 3);
    expect(failed.ok).toBe(false);
    const f = (await scrape(t.url)).families;
    expect(valueOf(f, 'dawr_backup_last_attempt_failed')).toBe(1);
    expect(valueOf(f, 'dawr_backup_last_failure_timestamp_seconds')).toBeGreaterThanOrEqual(valueOf(f, 'dawr_backup_last_success_timestamp_seconds')!);
    expect(valueOf(f, 'dawr_backup_last_success_timestamp_seconds')).toBe(Date.parse(made.verifiedAt) / 1000);
  });

  it("is the format Prometheus reads, with the process's own metrics and every family explained", async () => {
    const { families } = await scrape(t.url);
    for (const name of ['nodejs_eventloop_lag_seconds', 'nodejs_eventloop_lag_p99_seconds', 'process_resident_memory_bytes', 'process_cpu_seconds_total']) expect(families.has(name)).toBe(true);
    expect(valueOf(families, 'dawr_hub_info', { version: t.hub.ctx.version })).toBe(1);
    const ours = [...families.values()].filter((f) => f.name.startsWith('dawr_'));
    expect(ours.length).toBeGreaterThan(15);
    for (const f of ours) {
      expect(f.help, f.name).toMatch(/\w{3}/);
      expect(f.type, f.name).not.toBe('untyped');
      for (const s of f.samples) for (const label of Object.keys(s.labels)) expect(['service', 'state', 'version', 'le']).toContain(label);
    }
  });

  it('answers this machine directly, not a request a local reverse proxy forwards for someone else', async () => {
    expect((await scrape(t.url)).status).toBe(200);
    const forwarded = await scrape(t.url, undefined, { 'x-forwarded-for': '203.0.113.9' });
    expect(forwarded.status).toBe(401);
    expect(forwarded.body).toEqual({ error: { code: 'unauthorized', message: expect.stringMatching(/monitoring credential/) } });
    expect((await scrape(t.url, undefined, { forwarded: 'for=203.0.113.9' })).status).toBe(401);
  });
});

describe('who may read /metrics on a hub from another machine', () => {
  let t: TestHub;
  let admin: string;

  beforeAll(async () => {
    t = await startTestHub({ more: { metricsFromLoopback: false } });
    admin = await t.api.login('admin', 'dawr-admin');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('needs a monitoring credential an admin made: not none, not a staff token, not a revoked one', async () => {
    const none = await scrape(t.url);
    expect(none.status).toBe(401);
    expect(none.body).toEqual({ error: { code: 'unauthorized', message: expect.any(String) } });
    expect((await scrape(t.url, admin)).status).toBe(401);
    expect((await scrape(t.url, 'not-a-token')).status).toBe(401);

    const clerk = await t.api.login('clerk1', 'dawr-clerk');
    expect((await t.api.post('/api/v1/admin/monitoring-tokens', clerk, { name: 'prometheus' })).status).toBe(403);
    expect((await t.api.post('/api/v1/admin/monitoring-tokens', admin, { name: ' padded ' })).status).toBe(400);
    const made = await t.api.post('/api/v1/admin/monitoring-tokens', admin, { name: 'prometheus at the municipality' });
    expect(made.status).toBe(201);
    expect(made.body).toEqual({ id: expect.any(String), name: 'prometheus at the municipality', token: expect.any(String) });
    const { id, token } = made.body as { id: string; token: string };

    const ok = await scrape(t.url, token);
    expect(ok.status).toBe(200);
    expect(valueOf(ok.families, 'dawr_tickets_waiting', { service: SERVICE })).toBe(0);

    // It reads /metrics and nothing else.
    expect((await t.api.get('/api/v1/queue', token)).status).toBe(401);
    expect((await t.api.get('/api/v1/admin/monitoring-tokens', token)).status).toBe(401);

    const list = await t.api.get('/api/v1/admin/monitoring-tokens', admin);
    expect(list.body).toEqual([{ id, name: 'prometheus at the municipality', createdAt: expect.any(String), createdBy: 'staff:admin', revokedAt: null }]);
    expect(JSON.stringify(list.body)).not.toContain(token);

    expect((await t.api.post(`/api/v1/admin/monitoring-tokens/${id}/revoke`, admin)).status).toBe(204);
    expect((await scrape(t.url, token)).status).toBe(401);
    expect((await t.api.post(`/api/v1/admin/monitoring-tokens/${id}/revoke`, admin)).status).toBe(404);
    expect((await t.api.get('/api/v1/admin/monitoring-tokens', admin)).body[0].revokedAt).toEqual(expect.any(String));

    const audit = (await t.api.get('/api/v1/admin/audit?action=monitoring-token', admin)).body as { action: string; target: string }[];
    expect(audit.map((a) => a.action).sort()).toEqual(['monitoring-token.created', 'monitoring-token.revoked']);
    expect(audit.every((a) => a.target === id)).toBe(true);
  });
});

/** An IPv4 address of this machine that is not loopback, if it has one. */
const lanAddress = Object.values(networkInterfaces()).flat().find((a) => a && a.family === 'IPv4' && !a.internal)?.address;

describe.skipIf(!lanAddress)('a hub on the hall network', () => {
  let t: TestHub;
  beforeAll(async () => {
    t = await startTestHub({ more: { host: lanAddress!, trustProxy: lanAddress! } });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('refuses /metrics without a token to a request from a non-loopback address, also one that claims loopback in X-Forwarded-For', async () => {
    expect(t.url).toContain(lanAddress);
    expect((await scrape(t.url)).status).toBe(401);
    // With --trust-proxy the request's ip is the forwarded one; the exemption looks at the socket.
    expect((await scrape(t.url, undefined, { 'x-forwarded-for': '127.0.0.1' })).status).toBe(401);
    const admin = await t.api.login('admin', 'dawr-admin');
    const { token } = (await t.api.post('/api/v1/admin/monitoring-tokens', admin, { name: 'prometheus' })).body as { token: string };
    expect((await scrape(t.url, token)).status).toBe(200);
  });
});
