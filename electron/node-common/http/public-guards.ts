// Limits on what strangers can do through public routes, beyond each route's per-address rate:
//   - one guess budget per address across every route keyed by a secret in its path (a booking
//     code, a tracking code, a complaint's reference): only misses count, so a citizen reading
//     their own booking again and again never meets it, while a stranger trying codes does,
//     whichever of those routes they try them on;
//   - a ceiling per public route over all addresses together: per-address limits mean nothing when
//     everyone arrives through one reverse proxy (or from a botnet), so past the ceiling the route
//     answers 429 to everyone for the rest of the minute and the ceiling is reported (the hub puts
//     it on the dashboard's alerts).
// In memory, per process: a restart forgives, which costs a guesser more than it gives them.

/** Counts per key in fixed windows; at most `maxKeys` keys are remembered (the oldest go first). */
export function createWindowCounter(o: { windowMs: number; maxKeys?: number }) {
  const counts = new Map<string, { n: number; resetAt: number }>();
  const maxKeys = o.maxKeys ?? 20_000;
  const entry = (key: string, now: number) => {
    let e = counts.get(key);
    if (!e || e.resetAt <= now) {
      counts.delete(key);
      e = { n: 0, resetAt: now + o.windowMs };
      counts.set(key, e);
      if (counts.size > maxKeys) counts.delete(counts.keys().next().value!);
    }
    return e;
  };
  return {
    /** The count of `key` in its current window. */
    count: (key: string, now: number) => entry(key, now).n,
    /** Adds one to `key`; returns the new count and when its window ends. */
    add(key: string, now: number): { n: number; resetAt: number } {
      const e = entry(key, now);
      e.n++;
      return e;
    },
    resetAt: (key: string, now: number) => entry(key, now).resetAt,
  };
}

export interface PublicGuardOptions {
  /** Wrong secrets (404s) one address may try per window, across every guessed route (default 20). */
  guessesPerAddress?: number;
  guessWindowMs?: number;
  /** Requests per minute one public route answers from everyone together (default: 100 × its per-address limit, else 6,000). */
  ceilingFactor?: number;
  /** Called once per route and minute when that route reaches its ceiling. */
  onCeiling?: (route: string, limit: number) => void;
  now?: () => number;
}

export const GUESS_DEFAULTS = { perAddress: 20, windowMs: 10 * 60_000 } as const;
export const CEILING_DEFAULTS = { factor: 100, unlimitedRoute: 6_000, windowMs: 60_000 } as const;

export function createPublicGuards(o: PublicGuardOptions = {}) {
  const now = o.now ?? Date.now;
  const guesses = createWindowCounter({ windowMs: o.guessWindowMs ?? GUESS_DEFAULTS.windowMs });
  const perRoute = createWindowCounter({ windowMs: CEILING_DEFAULTS.windowMs, maxKeys: 1_000 });
  const maxGuesses = o.guessesPerAddress ?? GUESS_DEFAULTS.perAddress;
  return {
    /** Seconds until `address` may guess again, or undefined while it has guesses left. */
    guessesSpent(address: string): number | undefined {
      const t = now();
      return guesses.count(address, t) >= maxGuesses ? Math.max(1, Math.ceil((guesses.resetAt(address, t) - t) / 1000)) : undefined;
    },
    /** A wrong secret from `address`. */
    missed(address: string): void {
      guesses.add(address, now());
    },
    /** The ceiling of a public route with this per-address limit (per minute). */
    ceilingOf(perAddressPerMinute: number | undefined): number {
      return perAddressPerMinute ? perAddressPerMinute * (o.ceilingFactor ?? CEILING_DEFAULTS.factor) : CEILING_DEFAULTS.unlimitedRoute;
    },
    /** Counts one request of `route`; seconds to wait when it is over its ceiling, else undefined. */
    overCeiling(route: string, ceiling: number): number | undefined {
      const t = now();
      const e = perRoute.add(route, t);
      if (e.n <= ceiling) return undefined;
      if (e.n === ceiling + 1) o.onCeiling?.(route, ceiling);
      return Math.max(1, Math.ceil((e.resetAt - t) / 1000));
    },
  };
}

export type PublicGuards = ReturnType<typeof createPublicGuards>;
