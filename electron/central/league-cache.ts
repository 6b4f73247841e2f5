// The public league and its CSV answer from a cache, so a crowd asks the database almost nothing.
// An entry is kept per period and municipality with the versions it was computed at: the version
// of every month the period touches (rollup_versions, bumped with each roll-up the fact builder
// writes: rollups.ts) and the centres on the platform. The versions are read at most once a
// second, so a changed roll-up retires the entries of its periods within a second: the next request
// recomputes it — once, whoever else asks meanwhile, one computation of a table at a time — and
// while that runs, for at most `staleMs`, the others are answered the previous table (while halls
// push all day, today's periods change every second; nobody waits for each recomputation, and a
// table of a period that includes today is recomputed at most every `settleMs` the caller gives). Entries carry an ETag (a hash of
// the body): a client or a municipal website's proxy that sends it back gets 304. At most
// `maxBytes` are kept (least recently used go first).
import { createHash } from 'node:crypto';
import type pg from 'pg';
import type { LeagueResponse } from '../../shared/protocol/central.ts';

export interface LeagueEntry {
  /** The versions it was computed at. */
  sig: string;
  /** When it was computed (ms). */
  at: number;
  etag: string;
  json: string;
  league: LeagueResponse;
  /** CSV per language, made when first asked. */
  csv: Map<string, { body: Buffer; etag: string }>;
  bytes: number;
}

const monthsOf = (from: string, to: string): string[] => {
  const out: string[] = [];
  const d = new Date(`${from.slice(0, 7)}-01T00:00:00Z`);
  while (d.toISOString().slice(0, 10) <= to) {
    out.push(d.toISOString().slice(0, 10));
    d.setUTCMonth(d.getUTCMonth() + 1);
  }
  return out;
};

export const etagOf = (body: string | Buffer) => `"${createHash('sha1').update(body).digest('base64url')}"`;

/** Whether an If-None-Match header names this ETag. */
export function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((t) => {
    const x = t.trim().replace(/^W\//, '');
    return x === '*' || x === etag;
  });
}

export function createLeagueCache(o: {
  pool: pg.Pool;
  compute: (from: string, to: string, municipalityId?: string) => Promise<LeagueResponse>;
  now?: () => number;
  maxBytes?: number;
  /** How long a reading of the versions is trusted (ms). */
  freshMs?: number;
  /** How long a superseded entry may still answer while its successor is computed (ms). */
  staleMs?: number;
  /** Off: every request computes (the benchmark's cold league). */
  enabled?: boolean;
}) {
  const now = o.now ?? Date.now;
  const maxBytes = o.maxBytes ?? 64 * 1024 * 1024;
  const freshMs = o.freshMs ?? 1000;
  const staleMs = o.staleMs ?? 30_000;
  const entries = new Map<string, LeagueEntry>();
  const computing = new Map<string, Promise<LeagueEntry> & { sig: string }>();
  let bytes = 0;
  let read: { at: number; versions: Map<string, number>; stamp: string } | undefined;
  let reading: Promise<NonNullable<typeof read>> | undefined;

  async function versions(): Promise<NonNullable<typeof read>> {
    if (read && now() - read.at < freshMs) return read;
    reading ??= (async () => {
      try {
        const r = await o.pool.query<{ versions: [string, number][]; stamp: string }>(`
          SELECT (SELECT COALESCE(json_agg(json_build_array(month::text, version)), '[]'::json) FROM rollup_versions) AS versions,
                 (SELECT count(*) || ':' || COALESCE(max(enrolled_at)::text, '') FROM branches WHERE enrolled_at IS NOT NULL)
                   || '/' || (SELECT count(*) FROM municipalities) AS stamp`);
        read = { at: now(), versions: new Map(r.rows[0]!.versions), stamp: r.rows[0]!.stamp };
        return read;
      } finally {
        reading = undefined;
      }
    })();
    return reading;
  }

  function remember(key: string, e: LeagueEntry): void {
    entries.set(key, e);
    bytes += e.bytes;
    for (const [k, x] of entries) {
      if (bytes <= maxBytes || entries.size <= 1) break;
      entries.delete(k);
      bytes -= x.bytes;
    }
  }

  return {
    /**
     * The league of a checked period, from the cache or computed once for everyone asking. With
     * `settleMs`, a superseded table younger than that still answers and is not recomputed yet: a
     * period that includes today changes every second while halls push, and recomputing each
     * such table every second is what a crowd would then cost (its answers say max-age=30).
     */
    async get(from: string, to: string, municipalityId?: string, opts: { settleMs?: number } = {}): Promise<LeagueEntry> {
      const v = await versions();
      const key = `${from}|${to}|${municipalityId ?? ''}`;
      const sig = `${monthsOf(from, to).map((m) => v.versions.get(m) ?? 0).join(',')}|${v.stamp}`;
      const have = o.enabled === false ? undefined : entries.get(key);
      if (have) {
        entries.delete(key);
        entries.set(key, have);
        if (have.sig === sig) return have;
        if (opts.settleMs && now() - have.at < opts.settleMs) return have;
      }
      // One computation of a table at a time: a version newer than the one being computed is
      // taken up by the next request after it.
      let p = computing.get(key);
      if (!p) {
        const started = (async () => {
          const league = await o.compute(from, to, municipalityId);
          const json = JSON.stringify(league);
          const e: LeagueEntry = { sig, at: now(), etag: etagOf(json), json, league, csv: new Map(), bytes: json.length * 3 };
          if (o.enabled !== false) {
            const old = entries.get(key);
            if (!old || old.sig !== sig) {
              if (old) {
                entries.delete(key);
                bytes -= old.bytes;
              }
              remember(key, e);
            }
          }
          return e;
        })().finally(() => {
          if (computing.get(key) === p) computing.delete(key);
        });
        p = Object.assign(started, { sig });
        computing.set(key, p);
      }
      // The previous table while the new one is computed, if it is recent enough.
      if (have && now() - have.at < staleMs) {
        p.catch(() => undefined);
        return have;
      }
      return p;
    },
    /** The CSV of an entry in a language, made once. */
    csv(e: LeagueEntry, lang: string, make: () => string): { body: Buffer; etag: string } {
      let c = e.csv.get(lang);
      if (!c) {
        const body = Buffer.from(make(), 'utf8');
        e.csv.set(lang, (c = { body, etag: etagOf(body) }));
        e.bytes += body.length;
        if ([...entries.values()].includes(e)) bytes += body.length;
      }
      return c;
    },
    stats: () => ({ entries: entries.size, bytes }),
  };
}

export type LeagueCache = ReturnType<typeof createLeagueCache>;
