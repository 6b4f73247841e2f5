// The hall engine: the one writer. A command is decided by the pure domain code, its events are
// appended durably, then applied and broadcast; only then is the command acknowledged.
//
// Group commit: commands that arrive together (in the same turn of the event loop) are decided
// one after the other against the state — each sees the ones before it — and their events are
// written in ONE transaction, so a busy hall pays one fsync for many commands. If that
// transaction fails, the state is rebuilt from the store and every command of the batch fails:
// nothing unacknowledged is kept, nothing acknowledged is lost.
// At start-up the day is rebuilt from the store.
import { businessDay } from '../../shared/domain/business-day.ts';
import type { Clock } from '../../shared/domain/clock.ts';
import { type Actor, type Command, dayRollover, decide } from '../../shared/domain/commands.ts';
import type { DomainError } from '../../shared/domain/errors.ts';
import { branchWith, configWith } from '../../shared/domain/hall-settings.ts';
import type { HallConfig, HallState, UsualDay } from '../../shared/domain/hall-state.ts';
import { DEFAULT_CONFIG, apply, createHallState } from '../../shared/domain/fold.ts';
import type { HallSettings } from '../../shared/protocol/settings.ts';
import type { Branch } from '../../shared/protocol/entities.ts';
import type { DomainEvent, SequencedEvent } from '../../shared/protocol/events.ts';
import { newTrackingCode } from '../node-common/tokens.ts';
import { learnUsualDay } from '../../shared/domain/eta-usual.ts';
import { ETA_MODEL, quotesAtIssue } from '../../shared/domain/eta.ts';
import type { ConfigStore } from './store/config-store.ts';
import type { EventStore } from './store/event-store.ts';
import type { Timings } from './timings.ts';

export type Outcome = { ok: true; events: SequencedEvent[] } | { ok: false; error: DomainError };
export type Listener = (events: SequencedEvent[]) => void;

export interface Submission {
  cmd: Command;
  actor: Actor;
  /** HMAC pseudonym of the citizen's ID number, for an `issue`. */
  idToken?: string;
}

interface Pending extends Submission {
  resolve: (o: Outcome) => void;
  reject: (e: unknown) => void;
}

export const DEFAULT_BRANCH: Branch = { id: 'main', name: { ar: 'قاعة خدمة المواطن', en: 'Citizen Service Hall' }, timeZone: 'Asia/Riyadh' };

export type Hall = ReturnType<typeof createHall>;

/** Business days the usual day is learnt from (the last week the hall was open). */
const USUAL_DAYS = 5;

export function createHall(deps: { events: EventStore; config: ConfigStore; clock: Clock; timings?: Timings }) {
  const { events, config, clock, timings } = deps;
  const listeners = new Set<Listener>();
  let queue: Pending[] = [];
  let scheduled = false;

  function load(): HallState {
    // Saved hall settings (admin) override the branch and config the installation began with.
    const saved = config.get<HallSettings>('hallSettings');
    const legacyRetention = config.get<number>('retentionDays');
    const base = { ...DEFAULT_CONFIG, ...(legacyRetention ? { retentionDays: legacyRetention } : {}), ...config.get<Partial<HallConfig>>('hallConfig') };
    const branch = saved ? branchWith(config.get<Branch>('branch') ?? DEFAULT_BRANCH, saved) : (config.get<Branch>('branch') ?? DEFAULT_BRANCH);
    const state = createHallState({
      day: businessDay(clock.now(), branch.timeZone),
      branch,
      config: saved ? configWith(base, saved) : base,
      services: config.services(),
      counters: config.counters(),
    });
    state.usual = usualDayBefore(state.day, branch.timeZone);
    events.eachOfDay(state.day, (e) => apply(state, e));
    return state;
  }

  /** The hall's usual day (eta-usual.ts) from the last business days before `day`, learnt once per day. */
  let usual: { day: string; timeZone: string; value: UsualDay } | undefined;
  function usualDayBefore(day: string, timeZone: string): UsualDay {
    if (usual?.day !== day || usual.timeZone !== timeZone) {
      const days = events.daysBefore(day, USUAL_DAYS).reverse();
      usual = { day, timeZone, value: learnUsualDay(days.map((d) => events.publicOfDay(d)), timeZone) };
    }
    return usual.value;
  }

  let state = load();

  function publish(appended: SequencedEvent[]) {
    if (appended.length === 0) return;
    for (const l of listeners) {
      try {
        l(appended);
      } catch {
        // A failing screen connection must not fail commands that are already committed.
      }
    }
  }

  function flush() {
    scheduled = false;
    const batch = queue;
    queue = [];
    const now = clock.now();
    const all: DomainEvent[] = [];
    const identities = new Map<string, string>();
    const results: ({ ok: true; from: number; to: number } | { ok: false; error: DomainError })[] = [];
    let appended: SequencedEvent[];
    const t0 = timings?.on ? performance.now() : 0;
    try {
      const rolled = dayRollover(state, now);
      for (const e of rolled) apply(state, e);
      if (rolled.length > 0) state.usual = usualDayBefore(state.day, state.branch.timeZone);
      all.push(...rolled);
      // Tickets issued together are quoted together: when a batch is only issues, one projection
      // quotes them all, each after the ones before it (quotesAtIssue); otherwise they share one
      // projection's budget (a flood is quoted with fewer plays). Either way the commit of the batch
      // does not wait for a full projection per ticket.
      const issues = batch.filter((p) => p.cmd.type === 'issue').length;
      const together = issues > 1 && issues === batch.length
        ? quotesAtIssue(state, batch.map((p) => ({ serviceId: (p.cmd as Extract<Command, { type: 'issue' }>).serviceId, priority: (p.cmd as Extract<Command, { type: 'issue' }>).priority !== 'none' })), now)
        : undefined;
      const quoteBudget = issues > 1 && !together ? ETA_MODEL.issueBudget / issues : undefined;
      let accepted = true;
      for (const [i, p] of batch.entries()) {
        // The batch's quotes assume every issue before this one is accepted; after a refusal, each is quoted on its own.
        const quote = together && accepted ? together[i]?.quote : undefined;
        const decision = decide(state, p.cmd, { now, actor: p.actor, newTrackingCode, ...(quoteBudget ? { quoteBudget } : {}), ...(quote ? { quote } : {}) });
        if (!decision.ok) accepted = false;
        if (!decision.ok) {
          results.push(decision);
          continue;
        }
        for (const e of decision.value) {
          apply(state, e);
          if (e.type === 'ticket.issued' && p.idToken) identities.set(e.ticket.id, p.idToken);
        }
        results.push({ ok: true, from: all.length, to: all.length + decision.value.length });
        all.push(...decision.value);
      }
      timings?.decide(t0, batch.length);
      appended = events.append(all, state.day, identities);
    } catch (err) {
      // Nothing of this batch was written: drop what was applied in memory.
      state = load();
      for (const p of batch) p.reject(err);
      return;
    }
    publish(appended);
    batch.forEach((p, i) => {
      const r = results[i]!;
      p.resolve(r.ok ? { ok: true, events: appended.slice(r.from, r.to) } : r);
    });
  }

  return {
    get state(): HallState {
      return state;
    },
    now: () => clock.now(),
    /**
     * Decides, appends durably, applies and broadcasts. Resolves once the events are committed;
     * a refusal resolves `{ok:false}` and changes nothing. Rejects if the store fails.
     */
    execute(cmd: Command, actor: Actor, idToken?: string): Promise<Outcome> {
      return new Promise((resolve, reject) => {
        queue.push({ cmd, actor, ...(idToken ? { idToken } : {}), resolve, reject });
        if (!scheduled) {
          scheduled = true;
          setImmediate(flush);
        }
      });
    },
    subscribe(listener: Listener): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    /** Learns the usual day again from the store (after past days were written into it: the demo's history). */
    refreshUsual() {
      usual = undefined;
      state.usual = usualDayBefore(state.day, state.branch.timeZone);
    },
    lastSeq: () => events.lastSeq,
    since: (seq: number, limit?: number) => events.since(seq, limit),
    setBranch(branch: Branch) {
      config.set('branch', branch);
      state = load();
    },
  };
}
