// The hall engine: the one writer. A command is decided by the pure domain code, its events are
// appended durably in one transaction, then applied to the in-memory state and broadcast.
// At start-up the day is rebuilt from the store.
import { businessDay } from '../../shared/domain/business-day.ts';
import type { Clock } from '../../shared/domain/clock.ts';
import { type Actor, type Command, dayRollover, decide } from '../../shared/domain/commands.ts';
import type { DomainError } from '../../shared/domain/errors.ts';
import { type HallConfig, type HallState, apply, createHallState } from '../../shared/domain/state.ts';
import type { Branch } from '../../shared/protocol/entities.ts';
import type { SequencedEvent } from '../../shared/protocol/events.ts';
import { newTrackingCode } from './auth/tokens.ts';
import type { ConfigStore } from './store/config-store.ts';
import type { AppendExtras, EventStore } from './store/event-store.ts';

export type Outcome = { ok: true; events: SequencedEvent[] } | { ok: false; error: DomainError };
export type Listener = (events: SequencedEvent[]) => void;

export const DEFAULT_BRANCH: Branch = { id: 'main', name: { ar: 'قاعة خدمة المواطن', en: 'Citizen Service Hall' }, timeZone: 'Asia/Riyadh' };

export type Hall = ReturnType<typeof createHall>;

export function createHall(deps: { events: EventStore; config: ConfigStore; clock: Clock }) {
  const { events, config, clock } = deps;
  const listeners = new Set<Listener>();

  function load(): HallState {
    const branch = config.get<Branch>('branch') ?? DEFAULT_BRANCH;
    const now = clock.now();
    const state = createHallState({
      day: businessDay(now, branch.timeZone),
      branch,
      config: config.get<Partial<HallConfig>>('hallConfig') ?? {},
      services: config.services(),
      counters: config.counters(),
    });
    for (const e of events.ofDay(state.day)) apply(state, e);
    return state;
  }

  let state = load();

  function commit(list: Parameters<EventStore['append']>[0], extras: AppendExtras): SequencedEvent[] {
    const appended = events.append(list, state.day, extras);
    for (const e of appended) apply(state, e);
    return appended;
  }

  function publish(appended: SequencedEvent[]) {
    if (appended.length === 0) return;
    for (const l of listeners) {
      try {
        l(appended);
      } catch {
        // A failing screen connection must not fail the command that was already committed.
      }
    }
  }

  return {
    get state(): HallState {
      return state;
    },
    now: () => clock.now(),
    /** Decides, appends durably, applies and broadcasts. A refusal changes nothing. */
    execute(cmd: Command, actor: Actor, extras: AppendExtras = {}): Outcome {
      const now = clock.now();
      const rolled = dayRollover(state, now);
      const appendedRoll = rolled.length ? commit(rolled, {}) : [];
      const decision = decide(state, cmd, { now, actor, newTrackingCode });
      if (!decision.ok) {
        publish(appendedRoll);
        return decision;
      }
      let appended: SequencedEvent[];
      try {
        appended = commit(decision.value, extras);
      } catch (err) {
        // The transaction rolled back; the state may hold nothing of it, but rebuild to be sure.
        state = load();
        publish(appendedRoll);
        throw err;
      }
      const all = [...appendedRoll, ...appended];
      publish(all);
      return { ok: true, events: all };
    },
    subscribe(listener: Listener): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    lastSeq: () => events.lastSeq,
    since: (seq: number, limit?: number) => events.since(seq, limit),
    setBranch(branch: Branch) {
      config.set('branch', branch);
      state = load();
    },
    reload() {
      state = load();
    },
  };
}
