// The hall as it works, for the staffing planner (staffing.ts): counters with their skills calling
// from one pool of queues by the real routing rule, simulated for one hour of the day at that hour's
// arrival rates (stationary), to find the fewest counters — and which skills — that call the chosen
// share of every service's citizens within its target wait. Erlang C (erlang.ts) sizes each service
// as if it had counters of its own; a hall whose counters serve several services pools their
// queues, so it needs at most as many (and, where services' peaks do not coincide, fewer).
//
// Deterministic: the arrivals and their times at the counter are drawn once per hour from a fixed
// seed and every roster tried is played against the same ones (common random numbers), so two
// rosters are compared on the same citizens and the same inputs always give the same plan.
import { seededRandom } from '../domain/random.ts';

export interface PoolService {
  serviceId: string;
  arrivalsPerHour: number;
  /** Mean minutes a counter is held per citizen (exponential, as Erlang C takes it). */
  serviceMinutes: number;
  targetWaitMinutes: number;
}

export interface PoolHour {
  services: PoolService[];
  /** Share (0–1) of each counter's hour spent on a break, from the hall's usual day. */
  breakShare: number;
  /** Share of each service's citizens to be called within its target wait. */
  level: number;
  routing: { priorityFactor: number; overdueFactor: number };
}

/** A roster: the services each counter serves. */
export type Roster = readonly (readonly string[])[];

interface Drawn {
  /** Arrival time (minutes from the start), service index and minutes at the counter, in time order. */
  at: Float64Array;
  service: Int32Array;
  minutes: Float64Array;
  /** Arrivals from this time on are measured (the first hour warms the queues up). */
  from: number;
  to: number;
}

const WARM_UP = 60;

const drawn = new Map<string, Drawn>();

/** Draws `hours` hours of one hour's arrivals (after an hour's warm-up); the last few draws are kept (a plan asks for each several times). */
function draw(hour: PoolHour, hours: number, seed: number): Drawn {
  const id = `${seed}|${hours}|${hour.services.map((s) => `${s.arrivalsPerHour}:${s.serviceMinutes}`).join(',')}`;
  const kept = drawn.get(id);
  if (kept) return kept;
  const rnd = seededRandom(seed);
  const span = WARM_UP + hours * 60;
  // Each service's stream in order, then merged.
  const streams = hour.services.map((svc) => {
    const at: number[] = [];
    const minutes: number[] = [];
    if (svc.arrivalsPerHour > 0) {
      const gap = 60 / svc.arrivalsPerHour;
      for (let t = -gap * Math.log(1 - rnd()); t < span; t += -gap * Math.log(1 - rnd())) {
        at.push(t);
        minutes.push(-svc.serviceMinutes * Math.log(1 - rnd()));
      }
    }
    return { at, minutes, i: 0 };
  });
  const n = streams.reduce((a, x) => a + x.at.length, 0);
  const d: Drawn = { at: new Float64Array(n), service: new Int32Array(n), minutes: new Float64Array(n), from: WARM_UP, to: span };
  for (let j = 0; j < n; j++) {
    let best = -1;
    for (let s = 0; s < streams.length; s++) {
      const x = streams[s]!;
      if (x.i < x.at.length && (best < 0 || x.at[x.i]! < streams[best]!.at[streams[best]!.i]!)) best = s;
    }
    const x = streams[best]!;
    d.at[j] = x.at[x.i]!;
    d.minutes[j] = x.minutes[x.i]!;
    d.service[j] = best;
    x.i++;
  }
  if (drawn.size >= 32) drawn.delete(drawn.keys().next().value!);
  drawn.set(id, d);
  return d;
}

/**
 * Plays the drawn citizens through a roster: per service, how many arrived in the measured hours
 * and how many of them were called within the target. A counter's break is the same slice of every
 * hour, the counters' slices staggered; a counter takes its break when it comes free.
 */
function play(hour: PoolHour, d: Drawn, roster: Roster): { n: number[]; within: number[] } {
  const S = hour.services.length;
  const index = new Map(hour.services.map((s, i) => [s.serviceId, i]));
  const serves = roster.map((skills) => skills.map((id) => index.get(id)).filter((s): s is number => s !== undefined && hour.services[s]!.arrivalsPerHour > 0));
  const K = serves.length;
  /** For each service, the counters serving it. */
  const servedBy = hour.services.map((_x, s) => serves.flatMap((list, k) => (list.includes(s) ? [k] : [])));
  const targets = hour.services.map((s) => Math.max(1e-9, s.targetWaitMinutes));
  const overdue = targets.map((t) => hour.routing.overdueFactor * t);
  const breakLen = Math.min(59, Math.max(0, hour.breakShare) * 60);
  const breakStart = serves.map((_x, k) => (k * 60) / Math.max(1, K));
  const N = d.at.length;
  // Queues: per service, its arrivals' indices in order (each service's arrivals are in time order).
  const queue = hour.services.map(() => new Int32Array(N));
  const head = new Int32Array(S);
  const tail = new Int32Array(S);
  const free = new Float64Array(K);
  const idle = new Uint8Array(K).fill(1);
  const n = new Array<number>(S).fill(0);
  const within = new Array<number>(S).fill(0);
  let i = 0;
  for (;;) {
    let k = -1;
    let tau = Infinity;
    for (let c = 0; c < K; c++) if (idle[c] === 0 && free[c]! < tau) { tau = free[c]!; k = c; }
    const next = i < N ? d.at[i]! : Infinity;
    if (next === Infinity && k < 0) break;
    if (next <= tau) {
      const s = d.service[i]!;
      queue[s]![tail[s]!++] = i;
      i++;
      // Wake one idle counter that serves it.
      const by = servedBy[s]!;
      for (let j = 0; j < by.length; j++) {
        const c = by[j]!;
        if (idle[c] === 1) {
          idle[c] = 0;
          free[c] = next;
          break;
        }
      }
      continue;
    }
    // A counter's break is the same slice of every hour, the counters' slices staggered.
    if (breakLen > 0) {
      const into = (((tau - breakStart[k]!) % 60) + 60) % 60;
      if (into < breakLen - 1e-6) {
        free[k] = tau + (breakLen - into) + 1e-6;
        continue;
      }
    }
    // Routing: overdue first in arrival order, then the largest waited ÷ target, ties to the earlier.
    let best = -1;
    let bestOver = false;
    let bestScore = -1;
    let bestAt = Infinity;
    const mine = serves[k]!;
    for (let j = 0; j < mine.length; j++) {
      const s = mine[j]!;
      if (head[s]! >= tail[s]!) continue;
      const arrived = d.at[queue[s]![head[s]!]!]!;
      const waited = tau - arrived;
      const over = waited >= overdue[s]!;
      const score = waited / targets[s]!;
      const better = best < 0 ? true : over !== bestOver ? over : !over && score !== bestScore ? score > bestScore : arrived < bestAt;
      if (better) {
        best = s;
        bestOver = over;
        bestScore = score;
        bestAt = arrived;
      }
    }
    if (best < 0) {
      idle[k] = 1;
      continue;
    }
    const a = queue[best]![head[best]!++]!;
    if (d.at[a]! >= d.from && d.at[a]! < d.to) {
      n[best]!++;
      if (tau - d.at[a]! <= targets[best]!) within[best]!++;
    }
    free[k] = tau + d.minutes[a]!;
  }
  return { n, within };
}

/** How far a roster falls short: the citizens an hour not called within target beyond the allowed share (0: it meets the target). */
function shortfall(hour: PoolHour, r: { n: number[]; within: number[] }): number {
  let short = 0;
  hour.services.forEach((s, i) => {
    if (!(s.arrivalsPerHour > 0)) return;
    const level = r.n[i]! > 0 ? r.within[i]! / r.n[i]! : 0;
    short += s.arrivalsPerHour * Math.max(0, hour.level - level);
  });
  return short;
}

export interface PoolResult {
  /** The fewest counters found that meet the target. */
  counters: number;
  /** Their skills (each counter's services that have arrivals this hour). */
  mix: string[][];
  /** Whether they meet it (false: even the cap did not). */
  meets: boolean;
}

const key = (skills: readonly string[]) => [...skills].sort().join('|');

export interface PoolOptions {
  /** Hours simulated to compare rosters while searching, and to confirm the one chosen. */
  searchHours?: number;
  confirmHours?: number;
  seed?: number;
}

/** The share of each service's citizens called within target with this roster (for the roster's own figure). */
export function poolServiceLevels(hour: PoolHour, roster: Roster, opts: PoolOptions = {}): { serviceId: string; level: number }[] {
  const r = play(hour, draw(hour, opts.confirmHours ?? 300, opts.seed ?? 1), roster);
  return hour.services.filter((s) => s.arrivalsPerHour > 0).map((s) => {
    const i = hour.services.indexOf(s);
    return { serviceId: s.serviceId, level: r.n[i]! > 0 ? r.within[i]! / r.n[i]! : 0 };
  });
}

/** Whether a roster meets the target this hour (on the long draw). */
export function poolMeets(hour: PoolHour, roster: Roster, opts: PoolOptions = {}): boolean {
  return shortfall(hour, play(hour, draw(hour, opts.confirmHours ?? 300, opts.seed ?? 1), roster)) <= 1e-9;
}

/**
 * The fewest counters, with skills taken from `palette` (the hall's counters' skill sets), that meet
 * the target this hour, at most `cap` of them: counters added one at a time, each time the skill
 * set that most reduces the shortfall, then any counter that is not needed taken away.
 */
export function pooledNeed(hour: PoolHour, palette: Roster, cap: number, opts: PoolOptions = {}): PoolResult {
  const active = new Set(hour.services.filter((s) => s.arrivalsPerHour > 0).map((s) => s.serviceId));
  if (active.size === 0) return { counters: 0, mix: [], meets: true };
  // Each palette set as it acts this hour (its services with arrivals), once each.
  // A counter can always be given one service alone (a clerk trained for it), beside the hall's own sets.
  const seen = new Map<string, string[]>([...active].map((id) => [id, [id]]));
  for (const p of palette) {
    const skills = p.filter((id) => active.has(id));
    if (skills.length > 0 && !seen.has(key(skills))) seen.set(key(skills), [...skills].sort());
  }
  const candidates = [...seen.values()];
  const search = draw(hour, opts.searchHours ?? 60, opts.seed ?? 1);
  const confirm = draw(hour, opts.confirmHours ?? 300, opts.seed ?? 1);
  const short = (d: Drawn, roster: Roster) => shortfall(hour, play(hour, d, roster));
  // The counters can never be fewer than the work: the offered load, less what breaks take.
  const load = hour.services.reduce((a, s) => a + (s.arrivalsPerHour * s.serviceMinutes) / 60, 0);
  const floor = Math.max(1, Math.ceil(load / Math.max(0.05, 1 - hour.breakShare) - 1e-9));
  // Two ways to build it, the fewer kept: from a cover (counters that between them serve every
  // service, each the set covering the most work not yet covered — shared skills first), and from
  // nothing; then counters added one at a time, each time the set that most reduces the shortfall,
  // and any counter the others can do without taken away.
  const work = new Map(hour.services.map((s) => [s.serviceId, (s.arrivalsPerHour * s.serviceMinutes) / 60]));
  const build = (fromCover: boolean): string[][] => {
    const mix: string[][] = [];
    const uncovered = new Set(fromCover ? active : []);
    while (uncovered.size > 0 && mix.length < cap) {
      let best: string[] | undefined;
      let bestWork = 0;
      for (const c of candidates) {
        const w = c.reduce((a, id) => a + (uncovered.has(id) ? work.get(id) ?? 0 : 0), 0);
        if (w > bestWork + 1e-12) {
          best = c;
          bestWork = w;
        }
      }
      if (!best) break;
      mix.push(best);
      for (const id of best) uncovered.delete(id);
    }
    let d = search;
    while (mix.length < cap) {
      // Below the work's floor every roster falls short: add where the work is least covered.
      if (mix.length + 1 < floor) {
        mix.push(leastCovered(hour, mix, candidates));
        continue;
      }
      let best: string[] | undefined;
      let bestShort = Infinity;
      for (const c of candidates) {
        const s = short(d, [...mix, c]);
        if (s < bestShort - 1e-9) {
          best = c;
          bestShort = s;
        }
      }
      if (!best) break;
      mix.push(best);
      if (bestShort <= 1e-9) {
        if (d === confirm) break;
        // Met on the short draw: confirm on the long one, and keep adding on it if not.
        d = confirm;
        if (short(d, mix) <= 1e-9) break;
      }
    }
    // Take away any counter the others can do without.
    for (let j = mix.length - 1; j >= 0 && short(confirm, mix) <= 1e-9; j--) {
      const without = mix.filter((_x, i) => i !== j);
      if (without.length > 0 && short(confirm, without) <= 1e-9) mix.splice(j, 1);
    }
    return mix;
  };
  const built = [build(true), build(false)].map((m) => ({ m, ok: short(confirm, m) <= 1e-9 }));
  built.sort((a, b) => Number(b.ok) - Number(a.ok) || a.m.length - b.m.length);
  const mix = built[0]!.m;
  const meets = built[0]!.ok;
  return { counters: mix.length, mix, meets };
}

/** The candidate whose services carry the most work per counter already serving them. */
function leastCovered(hour: PoolHour, mix: Roster, candidates: readonly string[][]): string[] {
  const work = new Map(hour.services.map((s) => [s.serviceId, (s.arrivalsPerHour * s.serviceMinutes) / 60]));
  const covered = new Map<string, number>();
  for (const c of mix) for (const id of c) covered.set(id, (covered.get(id) ?? 0) + 1 / c.length);
  let best = candidates[0]!;
  let bestNeed = -Infinity;
  for (const c of candidates) {
    const need = c.reduce((a, id) => a + (work.get(id) ?? 0) - (covered.get(id) ?? 0), 0) / c.length;
    if (need > bestNeed) {
      best = c;
      bestNeed = need;
    }
  }
  return best;
}

/**
 * Moves that make today's roster meet the target when it has the counters but not the skills, each
 * a counter re-skilled (its services with citizens this hour replaced by a palette set): first a
 * counter at a time, the move that most reduces the shortfall (at most `max`); if that does not get
 * there, the roster's counters matched to the pooled need's skill sets (`mix`), those whose skills
 * are not in it re-skilled to the ones missing, and any such move the roster can do without left
 * out. None when the roster meets the target, or nothing found does.
 */
export function rosterMoves(hour: PoolHour, roster: readonly { counterId: string; serviceIds: readonly string[] }[], palette: Roster, mix: Roster, max = 3, opts: PoolOptions = {}): { counterId: string; from: string[]; to: string[] }[] {
  const active = new Set(hour.services.filter((s) => s.arrivalsPerHour > 0).map((s) => s.serviceId));
  const acting = (skills: readonly string[]) => skills.filter((id) => active.has(id)).sort();
  const candidates = [...new Map([...[...active].map((id) => [id]), ...palette.map(acting)].filter((p) => p.length > 0).map((p) => [key(p), p])).values()];
  const d = draw(hour, opts.searchHours ?? 60, opts.seed ?? 1);
  const confirm = draw(hour, opts.confirmHours ?? 300, opts.seed ?? 1);
  const start = roster.map((c) => [...c.serviceIds]);
  const short = (skills: Roster, on = confirm) => shortfall(hour, play(hour, on, skills));
  if (short(start) <= 1e-9) return [];
  const movesOf = (skills: readonly string[][]) => skills.flatMap((to, k) => (key(acting(to)) === key(acting(start[k]!)) ? [] : [{ counterId: roster[k]!.counterId, from: acting(start[k]!), to: acting(to) }]));

  // A counter at a time.
  const skills = start.map((x) => [...x]);
  let now = short(skills);
  for (let m = 0; m < max && now > 1e-9; m++) {
    let best: { k: number; to: string[]; short: number } | undefined;
    skills.forEach((from, k) => {
      for (const to of candidates) {
        if (key(to) === key(acting(from))) continue;
        const s = short(skills.map((x, i) => (i === k ? to : x)), d);
        if (!best || s < best.short - 1e-9) best = { k, to, short: s };
      }
    });
    if (!best) break;
    const chosen: { k: number; to: string[]; short: number } = best;
    const tried = skills.map((x, i) => (i === chosen.k ? chosen.to : x));
    const after = short(tried);
    if (after >= now - 1e-9) break;
    skills[chosen.k] = chosen.to;
    now = after;
  }
  if (now <= 1e-9) return movesOf(skills);

  // Toward the pooled need's skills: keep each counter whose skills it has, re-skill the others.
  if (mix.length === 0 || mix.length > roster.length) return [];
  const wanted = mix.map((m) => acting(m));
  const used = new Array<boolean>(wanted.length).fill(false);
  const target: (string[] | undefined)[] = start.map((from) => {
    const j = wanted.findIndex((w, i) => !used[i] && key(w) === key(acting(from)));
    if (j < 0) return undefined;
    used[j] = true;
    return from;
  });
  const missing = wanted.filter((_w, i) => !used[i]);
  const toward = start.map((from, k) => target[k] ?? missing.shift() ?? from);
  if (short(toward) > 1e-9) return [];
  // Leave out the moves it can do without.
  for (let k = 0; k < toward.length; k++) {
    if (toward[k] === start[k]) continue;
    const kept = toward.map((x, i) => (i === k ? start[k]! : x));
    if (short(kept) <= 1e-9) toward[k] = start[k]!;
  }
  return movesOf(toward);
}
