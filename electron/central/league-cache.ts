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
//
// Only the platform's table of a period is computed: a municipality's is cut from it (its centres,
// ranked again among themselves: shared/reports/league.ts) and kept beside it, so a crowd asking
// seven periods of twenty municipalities costs seven computations, not a hundred and forty-seven.
// `warm` computes the periods readers pick most ahead of them: at start, and again whenever one of
// their months has changed, so nobody waits for those.
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type pg from 'pg';
import type { LeagueResponse, Municipality } from '../../shared/protocol/central.ts';
import { addDays, businessDay } from '../../shared/domain/business-day.ts';
import { leagueWithin } from '../../shared/reports/league.ts';
import { LEAGUE_PRESETS, leaguePeriod } from '../../shared/reports/periods.ts';
import { ApiError } from '../node-common/http/errors.ts';

export interface LeagueEntry {
  /** The versions it was computed at. */
  sig: string;
  /** When it was computed (ms). */
  at: number;
  etag: string;
  /** The table as JSON, encoded once (a crowd's answers are written from it as they are). */
  body: Buffer;
  /** The same, gzipped, made when first asked (every browser asks for it). */
  gz?: Buffer;
  league: LeagueResponse;
  /** CSV per language, made when first asked. */
  csv: Map<string, CachedBody>;
  bytes: number;
  /** A platform table's municipalities, and the tables cut from it per municipality when first asked. */
  municipalities?: Municipality[];
  within?: Map<string, LeagueEntry>;
  /** A municipality's table: the platform table it was cut from (whose bytes count its own). */
  of?: LeagueEntry;
  /** A reader has had it (a table computed ahead and never asked for is not answered once superseded). */
  read?: boolean;
}

/** An answer's bytes and its ETag, and its gzipped bytes once a client has asked for them. */
export interface CachedBody {
  body: Buffer;
  etag: string;
  gz?: Buffer;
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

/** The day the public league's default period ends on (and its presets are computed ahead for). */
export const leagueToday = (now: number) => businessDay(now, 'Asia/Riyadh');

/**
 * How long a table of a period may answer after its months changed: 10 s for one that reaches
 * yesterday or today (halls push all day), none for one that has ended.
 */
export const leagueSettleMs = (to: string, today: string) => (to >= addDays(today, -1) ? 10_000 : 0);

/** The periods the league page offers, as `warm` takes them. */
export const leaguePresets = (today: string) => LEAGUE_PRESETS.map((p) => {
  const r = leaguePeriod(p, today);
  return { ...r, settleMs: leagueSettleMs(r.to, today) };
});

export const etagOf = (body: string | Buffer) => `"${createHash('sha1').update(body).digest('base64url')}"`;

/** Whether an If-None-Match header names this ETag. */
export function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((t) => {
    const x = t.trim().replace(/^W\//, '');
    return x === '*' || x === etag;
  });
}

/** Whether an Accept-Encoding header takes gzip (named, or `*`, with a quality above 0). */
export function acceptsGzip(header: string | undefined): boolean {
  if (!header) return false;
  let star = false;
  for (const part of header.toLowerCase().split(',')) {
    const [coding, ...params] = part.trim().split(';');
    const q = params.map((x) => /^\s*q\s*=\s*([\d.]+)\s*$/.exec(x)).find(Boolean);
    const wanted = !q || Number(q[1]) > 0;
    if (coding!.trim() === 'gzip' || coding!.trim() === 'x-gzip') return wanted;
    if (coding!.trim() === '*') star = wanted;
  }
  return star;
}

export function createLeagueCache(o: {
  pool: pg.Pool;
  compute: (from: string, to: string, municipalityId?: string) => Promise<LeagueResponse>;
  /** Every municipality on the platform (read with each platform table). */
  municipalities: () => Promise<Municipality[]>;
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
  const computing = new Map<string, Promise<LeagueEntry>>();
  let bytes = 0;
  let read: { at: number; versions: Map<string, number>; stamp: string } | undefined;
  let reading: Promise<NonNullable<typeof read>> | undefined;

  async function readVersions(): Promise<NonNullable<typeof read>> {
    const r = await o.pool.query<{ versions: [string, number][]; stamp: string }>(`
      SELECT (SELECT COALESCE(json_agg(json_build_array(month::text, version)), '[]'::json) FROM rollup_versions) AS versions,
             (SELECT count(*) || ':' || COALESCE(max(enrolled_at)::text, '') FROM branches WHERE enrolled_at IS NOT NULL)
               || '/' || (SELECT count(*) FROM municipalities) AS stamp`);
    return { at: now(), versions: new Map(r.rows[0]!.versions), stamp: r.rows[0]!.stamp };
  }

  /** The versions as readers see them: read at most once a second. */
  async function versions(): Promise<NonNullable<typeof read>> {
    if (read && now() - read.at < freshMs) return read;
    reading ??= (async () => {
      try {
        return (read = await readVersions());
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

  /** Counts what was added to a platform table (a CSV, a municipality's table) if the cache holds it. */
  function grew(e: LeagueEntry, n: number): void {
    const root = e.of ?? e;
    root.bytes += n;
    if (entries.get(keyOf(root.league.from, root.league.to)) === root) bytes += n;
  }

  const keyOf = (from: string, to: string) => `${from}|${to}`;
  const entryOf = (league: LeagueResponse, sig: string, at: number): LeagueEntry => {
    // UTF-8 once: a string answer is encoded again for every reader, and for a thousand centres'
    // Arabic names that was most of what a crowd's first second cost.
    const body = Buffer.from(JSON.stringify(league), 'utf8');
    // Counted twice: the bytes, and the table they were made from.
    return { sig, at, etag: etagOf(body), body, league, csv: new Map(), bytes: 2 * body.length };
  };

  /**
   * The platform's table of a period at the versions `v`: from the cache, or computed once for
   * everyone asking. Only a table computed for a reader or given to one answers while superseded
   * (settled, or while its successor is computed): the first reader after a change to a table
   * computed ahead and never asked for waits for the new one, as if there had been none.
   */
  async function platform(from: string, to: string, opts: { settleMs?: number }, v: NonNullable<typeof read>, forReader: boolean): Promise<LeagueEntry> {
    const key = keyOf(from, to);
    const sig = `${monthsOf(from, to).map((m) => v.versions.get(m) ?? 0).join(',')}|${v.stamp}`;
    const have = entries.get(key);
    if (have) {
      entries.delete(key);
      entries.set(key, have);
      if (have.sig === sig) return have;
      if (have.read && opts.settleMs && now() - have.at < opts.settleMs) return have;
    }
    // One computation of a table at a time: a version newer than the one being computed is
    // taken up by the next request after it.
    let p = computing.get(key);
    if (!p) {
      p = (async () => {
        const [league, municipalities] = await Promise.all([o.compute(from, to), o.municipalities()]);
        // Computed for a reader (even one answered the previous table meanwhile): read.
        const e: LeagueEntry = { ...entryOf(league, sig, now()), municipalities, within: new Map(), read: forReader };
        const old = entries.get(key);
        if (!old || old.sig !== sig) {
          if (old) {
            entries.delete(key);
            bytes -= old.bytes;
          }
          remember(key, e);
        }
        return e;
      })().finally(() => {
        if (computing.get(key) === p) computing.delete(key);
      });
      computing.set(key, p);
    }
    // The previous table while the new one is computed, if it is recent enough.
    if (have?.read && now() - have.at < staleMs) {
      p.catch(() => undefined);
      return have;
    }
    return p;
  }

  return {
    /**
     * The league of a checked period, from the cache or computed once for everyone asking. With
     * `settleMs`, a superseded table younger than that still answers and is not recomputed yet: a
     * period that includes today changes every second while halls push, and recomputing each
     * such table every second is what a crowd would then cost (its answers say max-age=30).
     */
    async get(from: string, to: string, municipalityId?: string, opts: { settleMs?: number } = {}): Promise<LeagueEntry> {
      if (o.enabled === false) return entryOf(await o.compute(from, to, municipalityId), '', now());
      const all = await platform(from, to, opts, await versions(), true);
      all.read = true;
      if (municipalityId === undefined) return all;
      let e = all.within!.get(municipalityId);
      if (!e) {
        const m = all.municipalities!.find((x) => x.id === municipalityId);
        if (!m) throw new ApiError('not_found', `no municipality ${municipalityId}`);
        e = { ...entryOf({ ...all.league, municipality: m, centres: leagueWithin(all.league.centres, m.id) }, all.sig, all.at), of: all };
        all.within!.set(municipalityId, e);
        grew(e, e.bytes);
      }
      return e;
    },
    /**
     * The gzipped bytes of an entry or of one of its CSVs, made once. A public table of a thousand
     * centres is some 400 KB of JSON and a tenth of that gzipped: what a crowd costs central's
     * uplink, and each reader's phone.
     */
    gzip(e: LeagueEntry, x: CachedBody = e): Buffer {
      if (!x.gz) {
        x.gz = gzipSync(x.body);
        grew(e, x.gz.length);
      }
      return x.gz;
    },
    /** The CSV of an entry in a language, made once. */
    csv(e: LeagueEntry, lang: string, make: () => string): CachedBody {
      let c = e.csv.get(lang);
      if (!c) {
        const body = Buffer.from(make(), 'utf8');
        e.csv.set(lang, (c = { body, etag: etagOf(body) }));
        grew(e, body.length);
      }
      return c;
    },
    /**
     * Computes the platform's table of each period ahead of its readers, one after the other; a
     * table whose months have not changed is not computed again. Failures are left to the next
     * reader (and logged by the caller).
     */
    async warm(periods: readonly { from: string; to: string; settleMs?: number }[]): Promise<void> {
      // Its own reading of the versions: a reader's next one is not put off by it.
      const v = await readVersions();
      for (const p of periods) {
        await platform(p.from, p.to, { settleMs: p.settleMs }, v, false);
        // A superseded table answered while its successor is computed: wait for that one.
        await computing.get(keyOf(p.from, p.to));
      }
    },
    /**
     * No reader has had any table yet (after central's own warm-up requests, warm-up.ts): a table
     * superseded before a reader asks is then not answered, as if the warm-up had not asked.
     */
    forgetReaders(): void {
      for (const e of entries.values()) e.read = false;
    },
    /** What the cache holds: its tables' periods (`from|to`) and their bytes. */
    stats: () => ({ entries: entries.size, bytes, periods: [...entries.keys()] }),
  };
}

export type LeagueCache = ReturnType<typeof createLeagueCache>;
