// Failed sign-ins, counted per (account, client address), so that a stranger's wrong passwords
// slow down only the stranger: the owner signing in from another address gets in at once. After
// `freeFailures` failures from one address, each further attempt from that address waits a delay
// that doubles from `firstDelayMs` up to `maxDelayMs` (429 with Retry-After) — a delay, never a
// lock. The hub and central both use it (hub auth-store.ts + routes/session.ts, central auth.ts).
//
// Addresses: an IPv4-mapped IPv6 address counts as its IPv4 address, and an IPv6 address as its
// /64 (one subscriber usually holds a whole /64, so its addresses are one client). Loopback
// (127.0.0.0/8, ::1) is the server's own machine — the hall's all-in-one station signs in from
// there — and is never delayed when `loopbackExempt` is set (the per-route, per-address rate
// limit still applies). Kept in memory, at most `maxEntries` (the least recently failed first
// out); an entry with no failure for `forgetAfterMs` is forgotten; a restart forgives.
import { isIP } from 'node:net';
import { ApiError } from './http/errors.ts';

export interface SignInGuardOptions {
  /** Failures from one address before its attempts on that account are delayed (default 5). */
  freeFailures?: number;
  /** The first delay, doubling at each further failure (default 1 s)… */
  firstDelayMs?: number;
  /** …up to this (default 5 minutes). */
  maxDelayMs?: number;
  /** Entries kept at most (default 10,000). */
  maxEntries?: number;
  /** An entry with no failure for this long is forgotten (default 24 hours). */
  forgetAfterMs?: number;
  /** Never delay (nor count) attempts from loopback addresses. */
  loopbackExempt: boolean;
}

export const SIGN_IN_DELAY = { freeFailures: 5, firstDelayMs: 1000, maxDelayMs: 5 * 60_000, maxEntries: 10_000, forgetAfterMs: 24 * 3_600_000 } as const;

/** The address a failure is counted under: IPv4 as is, IPv4-mapped IPv6 as IPv4, other IPv6 as its /64. */
export function addressKey(address: string): string {
  const a = address.toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(a);
  if (mapped) return mapped[1]!;
  if (isIP(a) !== 6) return a;
  const [head = '', tail = ''] = a.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = a.includes('::') ? [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right] : left;
  return `${groups.slice(0, 4).map((g) => (Number.parseInt(g, 16) || 0).toString(16)).join(':')}::/64`;
}

export function isLoopback(address: string): boolean {
  const a = address.toLowerCase();
  return a === '::1' || /^(::ffff:)?127\.\d+\.\d+\.\d+$/.test(a);
}

interface Entry {
  failures: number;
  /** When the next attempt from this address may be made (epoch ms; 0: now). */
  notBefore: number;
  lastFailure: number;
}

export type SignInGuard = ReturnType<typeof createSignInGuard>;

export function createSignInGuard(options: SignInGuardOptions) {
  const o = { ...SIGN_IN_DELAY, ...options };
  const entries = new Map<string, Entry>();
  const keyOf = (username: string, address: string) => `${username.toLowerCase()}\u0000${addressKey(address)}`;
  const exempt = (address: string) => o.loopbackExempt && isLoopback(address);
  const live = (key: string, now: number): Entry | undefined => {
    const e = entries.get(key);
    if (e && now - e.lastFailure > o.forgetAfterMs) {
      entries.delete(key);
      return undefined;
    }
    return e;
  };

  return {
    /** Milliseconds this address must still wait before trying this account again, or 0. */
    waitMs(username: string, address: string, now: number): number {
      if (exempt(address)) return 0;
      const e = live(keyOf(username, address), now);
      return e ? Math.max(0, e.notBefore - now) : 0;
    },
    /** Counts a failed sign-in (also for names that do not exist: a delay says nothing about which accounts exist). */
    failed(username: string, address: string, now: number): void {
      if (exempt(address)) return;
      const key = keyOf(username, address);
      const e = live(key, now) ?? { failures: 0, notBefore: 0, lastFailure: now };
      e.failures++;
      e.lastFailure = now;
      if (e.failures >= o.freeFailures) e.notBefore = now + Math.min(o.maxDelayMs, o.firstDelayMs * 2 ** Math.min(30, e.failures - o.freeFailures));
      // Re-inserted, so the map's order is the order of last failure and the first key is the one to drop.
      entries.delete(key);
      entries.set(key, e);
      while (entries.size > o.maxEntries) entries.delete(entries.keys().next().value!);
    },
    /** A success from an address clears that address's count (other addresses keep theirs). */
    succeeded(username: string, address: string): void {
      entries.delete(keyOf(username, address));
    },
    /** An admin's unlock: clears every address's count for the account; returns how many addresses were waiting or counting. */
    unlock(username: string): number {
      const prefix = `${username.toLowerCase()}\u0000`;
      let n = 0;
      for (const key of [...entries.keys()]) {
        if (key.startsWith(prefix)) {
          entries.delete(key);
          n++;
        }
      }
      return n;
    },
    /** How many (account, address) pairs are held (bounded by `maxEntries`). */
    size: () => entries.size,
  };
}

/** Seconds for Retry-After (at least 1). */
export const retryAfterSeconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

/** The refusal's message, in the API's words (the status is 429 `rate_limited`). */
export function delayMessage(ms: number): string {
  const s = retryAfterSeconds(ms);
  return `too many failed sign-ins from this address: try again in ${s} second${s === 1 ? '' : 's'}`;
}

/** Refuses a delayed attempt: 429 `rate_limited` with Retry-After (the header survives the thrown error into the error handler's answer). */
export function refuseDelayed(reply: { header(name: string, value: string): unknown }, ms: number): never {
  reply.header('retry-after', String(retryAfterSeconds(ms)));
  throw new ApiError('rate_limited', delayMessage(ms));
}
