// Test support for the pure domain: a small hall, actors, and `exec`, which decides a command and
// folds its events in exactly as the hub does.
import { businessDay } from '../../../shared/domain/business-day.ts';
import { type Actor, type Command, decide } from '../../../shared/domain/commands.ts';
import type { Decision } from '../../../shared/domain/errors.ts';
import type { HallConfig, HallState, TicketRecord } from '../../../shared/domain/hall-state.ts';
import { apply, createHallState } from '../../../shared/domain/fold.ts';
import type { Branch, Counter, Priority, Service } from '../../../shared/protocol/entities.ts';
import type { DomainEvent } from '../../../shared/protocol/events.ts';

export const MIN = 60_000;
/** 2025-03-02 09:00 in Riyadh (UTC+3). */
export const T0 = Date.parse('2025-03-02T06:00:00.000Z');

export const branch: Branch = { id: 'main', name: { ar: 'القاعة', en: 'Hall' }, timeZone: 'Asia/Riyadh' };

export function service(id: string, prefix: string, targetWaitMinutes: number, active = true): Service {
  return { id, prefix, name: { ar: id, en: id }, category: 'general', targetWaitMinutes, active };
}

/** civil (A, 10 min), permits (B, 5 min), payments (C, 30 min). */
export const SERVICES: Service[] = [service('civil', 'A', 10), service('permits', 'B', 5), service('payments', 'C', 30)];

function counter(n: number, serviceIds: string[]): Counter {
  return { id: `c${n}`, number: n, name: { ar: `شباك ${n}`, en: `Counter ${n}` }, serviceIds, state: 'closed' };
}

/** c1 serves everything, c2 civil and permits, c3 payments only. */
export const COUNTERS: Counter[] = [counter(1, ['civil', 'permits', 'payments']), counter(2, ['civil', 'permits']), counter(3, ['payments'])];

export const clerk1: Actor = { id: 'clerk1', role: 'clerk' };
export const clerk2: Actor = { id: 'clerk2', role: 'clerk' };
export const clerk3: Actor = { id: 'clerk3', role: 'clerk' };
export const supervisor: Actor = { id: 'sup1', role: 'supervisor' };
export const admin: Actor = { id: 'admin1', role: 'admin' };
export const kiosk: Actor = { id: 'kiosk1', role: 'kiosk' };

export interface HallInput {
  services?: Service[];
  counters?: Counter[];
  config?: Partial<HallConfig>;
  at?: number;
}

export function newHall(input: HallInput = {}): HallState {
  return createHallState({
    day: businessDay(input.at ?? T0, branch.timeZone),
    branch,
    services: input.services ?? SERVICES,
    counters: input.counters ?? COUNTERS,
    ...(input.config ? { config: input.config } : {}),
  });
}

let codes = 0;
export const newTrackingCode = (): string => `trk${++codes}`;

/** Decides `cmd` and applies its events, as the hub does. A refusal applies nothing. */
export function exec(state: HallState, cmd: Command, actor: Actor, now: number, log?: DomainEvent[]): Decision<DomainEvent[]> {
  const d = decide(state, cmd, { now, actor, newTrackingCode });
  if (d.ok) {
    for (const e of d.value) {
      apply(state, e);
      log?.push(e);
    }
  }
  return d;
}

/** Like `exec`, but the command must be accepted. */
export function must(state: HallState, cmd: Command, actor: Actor, now: number, log?: DomainEvent[]): DomainEvent[] {
  const d = exec(state, cmd, actor, now, log);
  if (!d.ok) throw new Error(`${cmd.type} refused: ${d.error.code} ${d.error.message}`);
  return d.value;
}

/** Issues a ticket and returns its record. */
export function issue(state: HallState, serviceId: string, now: number, priority: Priority = 'none', log?: DomainEvent[]): TicketRecord {
  const [e] = must(state, { type: 'issue', serviceId, lang: 'ar', priority, identityVerified: false }, kiosk, now, log);
  if (e?.type !== 'ticket.issued') throw new Error('issue yielded no ticket.issued');
  const t = state.tickets.get(e.ticket.id);
  if (!t) throw new Error('issued ticket not in state');
  return t;
}

/** The whole state as a string (maps as entry lists): equal strings mean an unchanged state. */
export function snapshot(state: HallState): string {
  return JSON.stringify(state, (_k, v: unknown) => (v instanceof Map ? [...v.entries()] : v));
}

export function ticketOf(state: HallState, id: string): TicketRecord {
  const t = state.tickets.get(id);
  if (!t) throw new Error(`no ticket ${id}`);
  return t;
}

export function counterOf(state: HallState, id: string): Counter {
  const c = state.counters.get(id);
  if (!c) throw new Error(`no counter ${id}`);
  return c;
}

/** A synthetic ticket record for routing tests. */
export function record(id: string, serviceId: string, waitingSince: number, ordinal: number, priority: Priority = 'none'): TicketRecord {
  return {
    id, number: id, serviceId, status: 'waiting', priority, lang: 'ar', issuedAt: new Date(waitingSince).toISOString(),
    day: '2025-03-02', recalls: 0, transferredFrom: [], identityVerified: false, trackingCode: id, ordinal, waitingSince,
  };
}

export const serviceMap = (list: Service[] = SERVICES): Map<string, Service> => new Map(list.map((s) => [s.id, s]));

/** Room for the longer property runs on a busy machine (vitest's default is 5 s); not a timing assertion. */
export const PROPERTY_TIMEOUT = 30_000;
