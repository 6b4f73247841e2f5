// After a restore (brief §12): the backup is last night's, central holds this morning's events.
// The restored hub takes back the public part of every event central holds after the backup's last
// seq and appends them at the same seqs, so this morning's tickets, calls and numbering are back;
// their personal parts (tracking codes, notes, phone numbers) never left the hall and are gone,
// which the hub says. Replication then resumes from central's own acknowledged seq: no gap, no
// duplicate. It runs before the hall takes any command — a new ticket at a seq central already
// holds would fork the log.
import { DomainEvent } from '../../../shared/protocol/events.ts';
import { PullResponse, SyncState } from '../../../shared/protocol/sync.ts';
import type { ConfigStore } from '../store/config-store.ts';
import type { EventStore } from '../store/event-store.ts';
import { call, type Link } from './replicator.ts';

/** What `./dawr restore` leaves in the restored database, and what the hub does with it at start. */
export interface RestoreMark {
  /** When the backup was made, and the last seq it held. */
  backupCreatedAt: string;
  backupLastSeq: number;
  restoredAt: string;
  /** Not yet taken back from central (it could not be reached): the hub tries again when it starts. */
  pending: boolean;
  /** Events taken back from central, and up to which seq. */
  recovered?: number;
  recoveredTo?: number;
  /** Started without them (central unreachable): the hall's log and central's part after the backup. */
  forked?: boolean;
}

export const RESTORE_KEY = 'restored';

/** Takes back from central the events after the log's last seq; resolves with how many. */
export async function recoverFromCentral(o: { config: ConfigStore; events: EventStore; pageSize?: number; signal?: AbortSignal }): Promise<{ recovered: number; from: number; to: number }> {
  const link = o.config.get<Link>('central');
  const from = o.events.lastSeq;
  if (!link) return { recovered: 0, from, to: from };
  const state = await call(`${link.url}/api/v1/sync/state`, { method: 'GET', credential: link.credential }, SyncState);
  while (o.events.lastSeq < state.ackedSeq) {
    const page = await call(`${link.url}/api/v1/sync/events?after=${o.events.lastSeq}&limit=${o.pageSize ?? 1000}`, { method: 'GET', credential: link.credential }, PullResponse);
    if (page.events.length === 0) break;
    // Given up on meanwhile (the hub started without them): nothing more may be appended.
    if (o.signal?.aborted) throw new Error('taking events back from central was given up');
    o.events.appendPublic(page.events.map((e) => ({ seq: e.seq, day: e.day, event: DomainEvent.parse(e.event) })));
  }
  return { recovered: o.events.lastSeq - from, from, to: o.events.lastSeq };
}

/**
 * At start, after a restore whose events could not yet be taken back: tries once more (bounded by
 * `timeoutMs`); on failure the hall starts without them and the mark says so.
 */
export async function finishRestore(o: { config: ConfigStore; events: EventStore; timeoutMs: number; now: () => number }): Promise<{ ok: true; recovered: number } | { ok: false; error: string } | undefined> {
  const mark = o.config.get<RestoreMark>(RESTORE_KEY);
  if (!mark?.pending) return undefined;
  let timer: NodeJS.Timeout | undefined;
  const giveUp = new AbortController();
  try {
    const r = await Promise.race([
      recoverFromCentral({ ...o, signal: giveUp.signal }),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          giveUp.abort();
          reject(new Error(`central did not answer within ${o.timeoutMs / 1000} s`));
        }, o.timeoutMs);
      }),
    ]);
    o.config.set(RESTORE_KEY, { ...mark, pending: false, recovered: r.recovered, recoveredTo: r.to } satisfies RestoreMark);
    return { ok: true, recovered: r.recovered };
  } catch (err) {
    o.config.set(RESTORE_KEY, { ...mark, pending: false, forked: true } satisfies RestoreMark);
    return { ok: false, error: (err as Error).message };
  } finally {
    if (timer) clearTimeout(timer);
  }
}
