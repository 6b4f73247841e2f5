// The plays of the expected wait's projection (eta-projection.ts sets them up and makes the
// estimates): the hall played forward, many times, over the projection's own arrays and numbers —
// nothing of the hall's objects — so the hot loop stays compiled whatever the hall looks like.
import { drawTable, normalQuantile } from './random.ts';
import { ETA_MODEL, type HeldModel, residual } from './eta-held.ts';

export const SEED = 0x0da3; // fixed: the same state and time give the same quote

/**
 * The entries of the tickets still to come, reused by every play of every projection (projections
 * run one at a time, and a play's arrivals are dropped when the next begins): a play allocates
 * nothing per arrival (docs/benchmarks.md, the cost on the hub's issue path: the garbage a quote
 * leaves).
 */
const arrivalPool: Entry[] = [];

export interface Entry {
  /** Waiting since, minutes relative to now (≤ 0 for tickets in the hall, > 0 for ones to come). */
  ws: number;
  ordinal: number;
  /** Index into the results (a waiting ticket or a probe), or −1 for a ticket still to come. */
  ref: number;
  /** A probe (a ticket issued now) is called but does not hold the counter: it changes nobody's wait. */
  probe: boolean;
  /** Its service (index) and class (0 normal, 1 priority). */
  s: number;
  cls: number;
}

/** Every entry is made here, so all have one shape (the plays' hot loop sees one kind of object). */
export const entryOf = (ws: number, ordinal: number, ref: number, probe: boolean, s: number, cls: number): Entry => ({ ws, ordinal, ref, probe, s, cls });

export interface SimCounter {
  serves: number[];
  /** Tickets reserved for this counter (or its clerk). */
  own: Entry[];
  /** An open counter whose clerk has not had a break today, once breaks have begun. */
  breakDue: boolean;
  kind: 'idle' | 'busy' | 'break';
  /** Busy: the service of the ticket held and minutes held so far; break: minutes on break so far. */
  heldService: number;
  elapsed: number;
  /** From the usual day: when it does not call, [from, to) pairs in minutes from now, ascending (to may be Infinity: closed). */
  gaps: number[];
  /** For each pair of `gaps`: a break taken once the ticket in hand is done, for its length (true), or times of the clock (false). */
  asBreak: boolean[];
  /** A usual break not yet taken today that should have begun: its length, taken once the ticket in hand is done (0: none). */
  pendingBreak: number;
}

/** What the plays need: the projection's own arrays and numbers, nothing of the hall's objects. */
export interface PlayInput {
  sims: SimCounter[];
  /** Per service, per class (0 normal, 1 priority): the entries waiting, in routing order. */
  queues: Entry[][][];
  S: number;
  /** Each service's target wait, minutes (at least 1). */
  targets: number[];
  priorityFactor: number;
  overdueFactor: number;
  held: HeldModel[];
  brk: HeldModel;
  gap: number;
  rates: { perMinute: number; priority: number }[];
  reachable: boolean[];
  horizon: number;
  maxArrivals: number;
  large: boolean;
  budget: number;
  toCall: number;
  nRefs: number;
  probeOrdinal: number;
  /** The tickets issued now (targets) and the first of their refs (Infinity: none). */
  nTargets: number;
  firstTargetRef: number;
  targetsToCall: number;
}

/** What the plays of one projection keep from play to play. */
interface PlayState {
  /** The play in which each reserved ticket was called (0: not yet). */
  ownTaken: Uint32Array;
  sum: Float64Array;
  sumSq: Float64Array;
  count: Uint32Array;
  /**
   * The generator's draws from SEED, as a table (random.ts drawTable): every projection starts the
   * generator afresh, so every projection reads the same sequence, and a number read from a
   * Float64Array stays unboxed where a generator called through a function left a heap number
   * behind for each draw — most of a quote's garbage (docs/benchmarks.md, the cost on the hub's
   * issue path). This play's i-th draw (i = `at`, the draws taken so far) is
   * 1 − draws[mirrorOf + i] while i < mirrorLength (the second play of a pair mirrors the first's
   * draws), else draws[fresh + i].
   */
  draws: Float64Array;
  at: number;
  mirrorOf: number;
  mirrorLength: number;
  fresh: number;
  /** The next draw, for the plays' set-up and the helpers that take a generator (the hot loop reads the table itself). */
  u: () => number;
  free: Float64Array;
  /** This play's multiplier of each service's mean time (its uncertainty). */
  scale: Float64Array;
  breakAt: Float64Array;
  /** Each counter's next usual gap (an index into its gaps). */
  gapAt: Uint32Array;
  /** Since when each counter has had nothing to call (Infinity: it is serving, or just back). */
  idleFrom: Float64Array;
  // Each queue (service × 2 + class) flat: its list of entries in the hall, its head this play, and
  // the tickets to come this play has added behind it (the lists are not emptied between plays:
  // their storage is kept; extraLength says how much of each this play filled).
  base: Entry[][];
  head: Int32Array;
  extra: Entry[][];
  extraLength: Uint32Array;
  nextArrival: Float64Array;
}

/** The plays of a projection: the sum, sum of squares and count of each ref's call times over them. */
export function runPlays(input: PlayInput): { plays: number; sum: Float64Array; sumSq: Float64Array; count: Uint32Array } {
  const { sims, queues, S, large, budget, nRefs } = input;
  const st: PlayState = {
    ownTaken: new Uint32Array(nRefs), sum: new Float64Array(nRefs), sumSq: new Float64Array(nRefs), count: new Uint32Array(nRefs),
    draws: drawTable(SEED, 0), at: 0, mirrorOf: 0, mirrorLength: 0, fresh: 0, u: () => 0,
    free: new Float64Array(sims.length), scale: new Float64Array(S).fill(1), breakAt: new Float64Array(sims.length), gapAt: new Uint32Array(sims.length), idleFrom: new Float64Array(sims.length),
    base: queues.flatMap((q) => q), head: new Int32Array(2 * S), extra: Array.from({ length: 2 * S }, () => []), extraLength: new Uint32Array(2 * S), nextArrival: new Float64Array(S),
  };
  st.u = () => {
    const i = st.at++;
    return i < st.mirrorLength ? Math.min(1 - 1e-12, 1 - st.draws[st.mirrorOf + i]!) : st.draws[st.fresh + i]!;
  };
  // The most draws a play can take: its set-up, two a counter call (a time at the counter or a
  // break), two an arrival.
  const most = 2 * S + 3 * sims.length + 2 * (maxCallsOf(input.toCall) + 1) + 2 * (input.maxArrivals + S) + 8;
  /** The generator's next draw, and the draws of the last play that was not a mirror. */
  let next = 0;
  let lastFrom = 0;
  let lastLength = 0;
  let plays = large ? 1 : ETA_MODEL.maxPlays;
  lastProjection.calls = 0;
  for (let play = 0; play < plays; play++) {
    lastProjection.plays = play + 1;
    // Plays in pairs: the second of a pair mirrors the first's draws (u → 1 − u), antithetic
    // variates — a long service in one is a short one in the other, so the pair's mean wait is
    // steadier than two independent plays'. Past the first's draws, it draws afresh.
    const mirror = play % 2 === 1;
    st.at = 0;
    st.mirrorOf = lastFrom;
    st.mirrorLength = mirror ? lastLength : 0;
    st.fresh = next - st.mirrorLength;
    st.draws = drawTable(SEED, st.fresh + most);
    // One play a call (a function called some ten times a quote is compiled as a whole, where a
    // loop run once a quote is compiled only from inside and left at each play's end).
    const calls = playOnce(input, st, play);
    if (st.at > most) throw new Error(`expected wait: a play took ${st.at} draws, more than the ${most} it may`);
    if (mirror) next += Math.max(0, st.at - st.mirrorLength);
    else {
      lastFrom = next;
      lastLength = st.at;
      next += st.at;
    }
    lastProjection.calls += calls;
    if (play === 0 && !large) plays = 2 * Math.ceil(Math.max(ETA_MODEL.minPlays, Math.min(ETA_MODEL.maxPlays, Math.floor(budget / (calls + 10)))) / 2);
  }
  return { plays, sum: st.sum, sumSq: st.sumSq, count: st.count };
}

/** The counter calls a play may take at most (a guard: the routing always ends a play sooner). */
const maxCallsOf = (toCall: number) => 3 * toCall + 1000;

/** One play of the hall, from now until every ticket to call is called (or the targets are): the counter calls it took. */
function playOnce(input: PlayInput, st: PlayState, play: number): number {
  const { sims, S, targets, priorityFactor, overdueFactor, held, brk, gap, rates, reachable, horizon, maxArrivals, large, toCall, probeOrdinal, nTargets, firstTargetRef, targetsToCall } = input;
  const { ownTaken, sum, sumSq, count, u, free, scale, breakAt, gapAt, idleFrom, base, head, extra, extraLength, nextArrival } = st;
  const maxCalls = maxCallsOf(toCall);
  const draw = large ? undefined : u;
  // The learnt mean times are themselves uncertain (a new hall's first hour most): each play
  // draws its own mean for every service, so the spread of the waits holds that uncertainty where
  // it acts — on the times at the counter, not on a wait for a counter to open.
  for (let s = 0; s < S; s++) {
    const e = held[s]!.relErr;
    scale[s] = large || e <= 0 ? 1 : Math.exp(e * normalQuantile(Math.min(1 - 1e-12, Math.max(1e-12, u()))) - (e * e) / 2);
  }
  for (let k = 0; k < sims.length; k++) {
    const c = sims[k]!;
    if (c.kind === 'idle') free[k] = 0;
    else if (c.kind === 'busy') free[k] = residual(held[c.heldService]!, c.elapsed, draw) * scale[c.heldService]! + gap;
    else free[k] = residual(brk, c.elapsed, draw);
    // A usual break that is due is taken when the ticket in hand is done — an idle clerk serves the next one first.
    breakAt[k] = large ? Infinity : c.pendingBreak > 0 ? (c.kind === 'idle' ? 1e-9 : 0) : c.breakDue ? u() * ETA_MODEL.breakWindowMinutes : Infinity;
    gapAt[k] = 0;
    idleFrom[k] = c.kind === 'idle' ? 0 : Infinity;
  }
  let pooled = 0;
  for (let s = 0; s < S; s++) {
    head[2 * s] = 0;
    head[2 * s + 1] = 0;
    extraLength[2 * s] = 0;
    extraLength[2 * s + 1] = 0;
    const r = rates[s]!.perMinute;
    nextArrival[s] = large || r <= 0 || !reachable[s] ? Infinity : -(1 / r) * Math.log(1 - u());
    if (nextArrival[s]! > horizon) nextArrival[s] = Infinity;
  }
  let firstArrival = Infinity;
  for (let s = 0; s < S; s++) if (nextArrival[s]! < firstArrival) firstArrival = nextArrival[s]!;
  let ordinal = probeOrdinal + Math.max(1, nTargets);
  let targetsCalled = 0;
  let left = toCall;
  let calls = 0;
  // The draws, read here without a call (PlayState.draws): the i-th is `i < mLength ? 1 − D[mOf + i] : D[fresh + i]`.
  const D = st.draws;
  const mOf = st.mirrorOf;
  const mLength = st.mirrorLength;
  const fresh = st.fresh;
  let at = st.at;
  for (; left > 0 && calls < maxCalls; calls++) {
    // The counter that comes free first.
    let k = -1;
    let tau = Infinity;
    for (let i = 0; i < sims.length; i++) if (free[i]! < tau) { tau = free[i]!; k = i; }
    if (k < 0) break;
    const g = sims[k]!.gaps;
    if (g.length > 0) {
      // The counter's usual opening, breaks, closures and closing that have begun by then. A break
      // is taken once and for its usual length: from its usual start if the clerk had nothing to
      // call then, else once the ticket in hand is done — however late that is (a ticket that
      // outlasts the usual break does not cancel it). The opening, the closures and the closing are
      // times of the clock (one already over is passed by).
      const asBreak = sims[k]!.asBreak;
      let p = gapAt[k]!;
      let until = tau;
      while (p < g.length && g[p]! <= until) {
        const a = g[p]!;
        const b = g[p + 1]!;
        const isBreak = asBreak[p >> 1] === true;
        p += 2;
        const back = isBreak ? (idleFrom[k]! <= a ? a : until) + (b - a) : b;
        if (back > tau) {
          until = back;
          idleFrom[k] = Infinity;
        } else idleFrom[k] = back;
      }
      gapAt[k] = p;
      if (until > tau) {
        free[k] = until;
        continue;
      }
    }
    if (tau >= breakAt[k]!) {
      // The clerk's break, once the ticket in hand is done.
      st.at = at;
      free[k] = tau + (sims[k]!.pendingBreak || residual(brk, 0, u));
      at = st.at;
      breakAt[k] = Infinity;
      idleFrom[k] = Infinity;
      continue;
    }
    // Tickets that have arrived by then.
    if (firstArrival <= tau) {
      firstArrival = Infinity;
      for (let s = 0; s < S; s++) {
        while (nextArrival[s]! <= tau) {
          const cl = (at < mLength ? Math.min(1 - 1e-12, 1 - D[mOf + at++]!) : D[fresh + at++]!) < rates[s]!.priority ? 1 : 0;
          const a = pooled < arrivalPool.length ? arrivalPool[pooled]! : (arrivalPool[pooled] = entryOf(0, 0, -1, false, 0, 0));
          pooled++;
          a.ws = nextArrival[s]!;
          a.ordinal = ordinal++;
          a.s = s;
          a.cls = cl;
          extra[2 * s + cl]![extraLength[2 * s + cl]!++] = a;
          nextArrival[s]! += -(1 / rates[s]!.perMinute) * Math.log(1 - (at < mLength ? Math.min(1 - 1e-12, 1 - D[mOf + at++]!) : D[fresh + at++]!));
          if (nextArrival[s]! > horizon || ordinal - probeOrdinal > maxArrivals) nextArrival[s] = Infinity;
        }
        if (nextArrival[s]! < firstArrival) firstArrival = nextArrival[s]!;
      }
    }
    // What routing calls there: the best by the routing rule (routing.ts: overdue first, then
    // waited ÷ target × priority factor, ties to the earlier ticket) among the head of each of its
    // queues and the tickets reserved for it. Written out here, in locals, so the hot loop keeps
    // its numbers unboxed.
    const sim = sims[k]!;
    const serves = sim.serves;
    const own = sim.own;
    const nQueues = 2 * serves.length;
    let chosen: Entry | undefined;
    let bOver = false;
    let bScore = 0;
    let fromOwn = false;
    for (let j = 0; j < nQueues + own.length; j++) {
      let e: Entry | undefined;
      if (j < nQueues) {
        const s = serves[j >> 1]!;
        const cls = j & 1;
        const q = 2 * s + cls;
        const h = head[q]!;
        const list = base[q]!;
        e = h < list.length ? list[h] : h - list.length < extraLength[q]! ? extra[q]![h - list.length] : undefined;
        if (!e) continue;
      } else {
        e = own[j - nQueues]!;
        if (ownTaken[e.ref] === play + 1) continue;
      }
      const waited = Math.max(0, tau - e.ws);
      const over = waited >= overdueFactor * targets[e.s]!;
      const score = (waited / targets[e.s]!) * (e.cls ? priorityFactor : 1);
      const better = !chosen ? true
        : over !== bOver ? over
          : !over && score !== bScore ? score > bScore
            : e.ws !== chosen.ws ? e.ws < chosen.ws : e.ordinal < chosen.ordinal;
      if (better) {
        chosen = e;
        bOver = over;
        bScore = score;
        fromOwn = j >= nQueues;
      }
    }
    if (!chosen) {
      // Nothing waits for this counter: it calls the next ticket to arrive for it.
      let t = Infinity;
      for (const s of sim.serves) t = Math.min(t, nextArrival[s]!);
      free[k] = t;
      if (tau < idleFrom[k]!) idleFrom[k] = tau;
      continue;
    }
    idleFrom[k] = Infinity;
    if (fromOwn) ownTaken[chosen.ref] = play + 1;
    else head[2 * chosen.s + chosen.cls]!++;
    if (chosen.ref >= 0) {
      sum[chosen.ref]! += tau;
      sumSq[chosen.ref]! += tau * tau;
      count[chosen.ref]!++;
      left--;
      // The issue path wants the calls of the tickets issued now: the play ends with the last of them.
      if (chosen.ref >= firstTargetRef && ++targetsCalled === targetsToCall) {
        calls++;
        break;
      }
    }
    if (chosen.probe) continue;
    if (large) {
      free[k] = tau + held[chosen.s]!.mean + gap;
      continue;
    }
    // A whole time at the counter (eta-held.ts residual with nothing spent yet, without its searches):
    // a draw from the prior (the usual day's times, else a log-normal) by its worth, else a sample.
    const m = held[chosen.s]!;
    const n = m.sorted.length;
    const h = m.history;
    let time: number;
    if ((at < mLength ? Math.min(1 - 1e-12, 1 - D[mOf + at++]!) : D[fresh + at++]!) * (n + m.priorWeight) < m.priorWeight) {
      const x = at < mLength ? Math.min(1 - 1e-12, 1 - D[mOf + at++]!) : D[fresh + at++]!;
      time = h.length > 0 ? h[Math.min(h.length - 1, Math.floor(x * h.length))]! : Math.exp(m.mu + m.sigma * normalQuantile(Math.min(Math.max(x, 1e-12), 1 - 1e-12)));
    } else time = Math.min(m.sorted[Math.floor((at < mLength ? Math.min(1 - 1e-12, 1 - D[mOf + at++]!) : D[fresh + at++]!) * n)]!, m.cap);
    free[k] = tau + time * scale[chosen.s]! + gap;
  }
  st.at = at;
  return calls;
}

/** What the last projection cost (for the benchmark): plays and counter calls played in all. */
export const lastProjection = { plays: 0, calls: 0, waiting: 0 };
