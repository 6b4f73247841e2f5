// The hall's link to central (brief §10): enrolment, then its event log pushed in ordered batches
// after the last seq central acknowledged, and the municipality's catalogue pulled and applied.
//
// The hall never waits for it: it runs beside the hall on timers, reads the log's public part
// (store/event-store.ts publicSince: no tracking code, note or comment is ever read here), and a
// central that is down, slow or refusing only delays the push; it resumes from central's own
// acknowledged seq (GET /api/v1/sync/state) at start and after any refusal, so a restart of
// either side at any moment loses nothing and sends nothing twice that central would count.
import { publicEvent } from '../../../shared/privacy/personal.ts';
import type { Service } from '../../../shared/protocol/entities.ts';
import { Catalogue, EnrolResponse, SyncState, type SyncStatus } from '../../../shared/protocol/sync.ts';
import type { Logger } from '../../node-common/log.ts';
import type { Hall } from '../hall.ts';
import type { ConfigStore } from '../store/config-store.ts';
import type { EventStore } from '../store/event-store.ts';

export const BATCH = 500;

export interface Link {
  url: string;
  branchId: string;
  credential: string;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

/** Central's address, checked: HTTPS (its certificate verified), plain HTTP only on this machine. */
export function centralUrl(raw: string): string {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    throw new Error(`--central: ${raw} is not a URL (e.g. https://central.example.org)`);
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') throw new Error(`--central: ${raw} must start with https://`);
  if (u.protocol === 'http:' && !LOOPBACK.has(u.hostname)) {
    throw new Error(`--central: plain HTTP carries the hall's credential in clear; use https:// (plain http only to this machine, for the demo and tests)`);
  }
  return u.origin;
}

export async function call<T>(url: string, init: RequestInit & { credential?: string }, parse: { parse(x: unknown): T }): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, {
      ...init,
      headers: { 'content-type': 'application/json', ...(init.credential ? { authorization: `Bearer ${init.credential}` } : {}) },
      signal: AbortSignal.timeout(20_000),
    });
  } catch (err) {
    if ((err as Error).name === 'TimeoutError') throw err;
    // fetch says only "fetch failed": the reason (refused, a certificate not trusted…) is its cause.
    const cause = (err as { cause?: { message?: string } }).cause?.message;
    throw new Error(`cannot reach central at ${new URL(url).origin}: ${cause ?? (err as Error).message}`);
  }
  const text = await res.text();
  if (!res.ok) {
    let message = text.slice(0, 300);
    try {
      message = (JSON.parse(text) as { error: { message: string } }).error.message;
    } catch { /* not our error shape */ }
    throw Object.assign(new Error(`central answered ${res.status}: ${message}`), { status: res.status });
  }
  return parse.parse(JSON.parse(text));
}

/** Exchanges an enrolment code for the hall's credential; stores the link. */
export async function enrol(config: ConfigStore, rawUrl: string, code: string, timeZone: string, version: string): Promise<EnrolResponse> {
  const url = centralUrl(rawUrl);
  const out = await call(`${url}/api/v1/sync/enrol`, { method: 'POST', body: JSON.stringify({ code, timeZone, version }) }, EnrolResponse);
  config.set('central', { url, branchId: out.branchId, credential: out.credential } satisfies Link);
  config.set('centralName', out.name);
  return out;
}

export function startReplicator(o: { config: ConfigStore; events: EventStore; hall: Hall; log: Logger; everyMs?: number; catalogueEveryMs?: number; batch?: number }) {
  const { config, events, hall, log } = o;
  // DAWR_SYNC_BATCH: smaller batches (tests stretch a push over many round trips to kill it midway).
  const batch = o.batch ?? (Number(process.env.DAWR_SYNC_BATCH) || BATCH);
  let acked: number | null = null;
  let lastSyncedAt: string | null = null;
  let lastError: string | null = null;
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let failures = 0;
  let lastCatalogueAt = 0;
  let lastContact = 0;
  let busy: Promise<void> = Promise.resolve();

  const link = () => config.get<Link>('central');

  const fail = (err: Error & { status?: number }) => {
    failures++;
    const msg = err.name === 'TimeoutError' ? 'central did not answer within 20 s' : err.message;
    if (msg !== lastError) log.warn({ err: msg }, 'sync with central failed; the hall goes on and retries');
    lastError = msg;
    if (err.status === 409 || err.status === undefined || err.status >= 500) acked = null; // ask central where to resume
  };

  async function applyCatalogue(l: Link): Promise<void> {
    const cat = await call(`${l.url}/api/v1/sync/catalogue`, { method: 'GET', credential: l.credential }, Catalogue);
    if (cat.version === 0 || cat.version === config.get<number>('catalogueVersion')) return;
    const problems: string[] = [];
    for (const s of cat.services) {
      const mine = hall.state.services.get(s.id);
      const clash = [...hall.state.services.values()].find((x) => x.prefix === s.prefix && x.id !== s.id);
      if (clash) {
        problems.push(`${s.id}: prefix ${s.prefix} is the hall's ${clash.id}`);
        continue;
      }
      if (mine && JSON.stringify(mine) === JSON.stringify(s)) continue;
      const r = await hall.execute({ type: 'saveService', service: s as Service }, { id: 'central', role: 'admin' });
      if (!r.ok) problems.push(`${s.id}: ${r.error.message}`);
    }
    config.set('catalogueVersion', cat.version);
    config.set('catalogueServices', cat.services.map((s) => s.id));
    if (problems.length) log.warn({ problems }, 'catalogue from central applied in part');
  }

  async function round(): Promise<void> {
    const l = link();
    if (!l) return;
    // Resume from central's own word; when idle, ask every 10 s (central shows the contact as the hall's last sync).
    let contacted = false;
    if (acked === null || Date.now() - lastContact > 10_000) {
      acked = (await call(`${l.url}/api/v1/sync/state`, { method: 'GET', credential: l.credential }, SyncState)).ackedSeq;
      contacted = true;
    }
    // Central holds more of this hall's log than the hall: the folder is older than central's copy
    // (a backup put back by hand, or a restore that could not take the rest back). Pushing now would
    // send different events under seqs central already holds: stop and say so.
    if (acked > events.lastSeq) {
      const forked = config.get<{ forked?: boolean }>('restored')?.forked;
      throw new Error(forked
        ? `central holds this hall's events up to seq ${acked}, beyond the restored log (${events.lastSeq}): the hall was restored without them and carries on alone; ask central's administrator before enrolling it again`
        : `central holds this hall's events up to seq ${acked}, beyond this hall's log (${events.lastSeq}): this data folder is older than central's copy — put it back with ./dawr restore, which takes the rest back from central`);
    }
    // Push until caught up: each batch is one awaited round trip, so the hall's own work goes on between them.
    while (acked < events.lastSeq && !stopped) {
      const rows = events.publicSince(acked, batch);
      if (rows.length === 0) break;
      const body = { branchId: l.branchId, head: events.lastSeq, events: rows.map((r) => ({ seq: r.seq, day: r.day, event: publicEvent(r.event) })) };
      acked = (await call(`${l.url}/api/v1/sync/events`, { method: 'POST', body: JSON.stringify(body), credential: l.credential }, SyncState)).ackedSeq;
      contacted = true;
    }
    if (Date.now() - lastCatalogueAt > (o.catalogueEveryMs ?? 60_000)) {
      lastCatalogueAt = Date.now();
      await applyCatalogue(l);
      contacted = true;
    }
    if (!contacted) return;
    lastContact = Date.now();
    lastSyncedAt = new Date(lastContact).toISOString();
    lastError = null;
    failures = 0;
  }

  const schedule = () => {
    if (stopped) return;
    const delay = failures === 0 ? (o.everyMs ?? 1000) : Math.min(30_000, 1000 * 2 ** Math.min(failures, 5));
    timer = setTimeout(() => {
      busy = round().catch(fail).finally(schedule);
    }, delay);
    timer.unref?.();
  };
  schedule();

  return {
    status(): SyncStatus {
      const l = link();
      const a = acked ?? 0;
      return {
        enrolled: Boolean(l), ...(l ? { central: l.url, branchId: l.branchId } : {}),
        ackedSeq: a, head: events.lastSeq, backlog: l ? Math.max(0, events.lastSeq - a) : 0,
        lastSyncedAt, lastError, catalogueVersion: config.get<number>('catalogueVersion') ?? null,
      };
    },
    /** After a new enrolment: start from central's acknowledged seq. */
    relink(): void {
      acked = null;
      lastError = null;
      failures = 0;
    },
    async stop(): Promise<void> {
      stopped = true;
      if (timer) clearTimeout(timer);
      await busy.catch(() => undefined);
    },
  };
}

export type Replicator = ReturnType<typeof startReplicator>;
