// The issue path run on a throwaway copy of the hall before the hub listens. The quote at issue
// (eta-projection.ts: the hall played forward) is the hub's heaviest code on a kiosk's request,
// and V8 optimises it only once it has run for a while: in bench:hub a hub just started quoted
// its first 250 tickets at p99 2.8–3.2 ms, against 0.3–0.5 ms at p50 once warm, and a hall issues
// only some hundreds of tickets a day (docs/benchmarks.md, the cost on the hub's issue path).
// Central does the same for its public league (central/warm-up.ts). It costs about half a second
// at start, and 4 MB more than a hub holds once it has issued its first thousand tickets anyway
// (the code and heap a working hub has: a hub just started holds some 23 MB less).
//
// A copy: the hall's services, counters, settings and usual day, with none of its tickets, in a
// state of its own that nothing stores, publishes or counts. Its counters open, and a working
// morning follows (each issue followed by a counter calling, starting and completing its next),
// with a queue of about a hundred as in a busy hour.
import type { Command } from '../../shared/domain/commands.ts';
import type { HallState } from '../../shared/domain/hall-state.ts';
import { apply, createHallState, decide } from '../../shared/domain/index.ts';
import { businessDay } from '../../shared/domain/business-day.ts';
import { openingStatus } from '../../shared/domain/opening-hours.ts';

/** The issues a started hub (`dawr hub`, the all-in-one station) runs before it listens. */
export const WARM_ISSUES = 1000;

export interface WarmedUp {
  /** Issues decided and quoted (a hall that closes before the morning ends refuses the rest). */
  issues: number;
  ms: number;
}

/** A working morning of `issues` tickets on a copy of `hall` (nothing of `hall` changes). */
export function warmIssuePath(hall: HallState, issues: number, maxMs = 2_000): WarmedUp {
  const t0 = performance.now();
  const services = [...hall.services.values()].filter((s) => s.active);
  const counters = [...hall.counters.values()].filter((c) => c.serviceIds.some((id) => services.some((s) => s.id === id)));
  if (issues <= 0 || services.length === 0 || counters.length === 0) return { issues: 0, ms: 0 };
  // A working hour of the hall's own week (its opening hours), in a year of its own.
  let now = Date.parse('2000-01-03T00:00:00Z');
  for (let i = 0; i < 14 * 48 && !openingStatus(hall.branch.hours, hall.branch.timeZone, now).open; i++) now += 30 * 60_000;
  const state = createHallState({
    day: businessDay(now, hall.branch.timeZone),
    branch: hall.branch,
    config: hall.config,
    services,
    counters: counters.map((c) => ({ id: c.id, number: c.number, name: c.name, serviceIds: c.serviceIds, state: 'closed' as const })),
    usual: hall.usual,
  });
  const run = (cmd: Command, actor: { id: string; role: 'clerk' | 'kiosk' }) => {
    const d = decide(state, cmd, { now, actor, newTrackingCode: () => `W${now}` });
    now += 3_000; // a ticket every 12 s: a thousand fit in a morning of 3 h 20 min
    if (!d.ok) return undefined;
    for (const e of d.value) apply(state, e);
    return d.value;
  };
  const clerk = (i: number) => ({ id: `warm-up-${i}`, role: 'clerk' as const });
  counters.forEach((c, i) => run({ type: 'openCounter', counterId: c.id }, clerk(i)));
  const kiosk = { id: 'warm-up-kiosk', role: 'kiosk' as const };
  let issued = 0;
  const issue = (i: number) => {
    if (run({ type: 'issue', serviceId: services[i % services.length]!.id, lang: i % 3 ? 'ar' : 'en', priority: i % 11 === 0 ? 'elderly' : 'none', identityVerified: false }, kiosk)) issued++;
  };
  const queue = Math.min(100, issues);
  let done = 0;
  for (; done < queue; done++) issue(done);
  for (; done < issues && performance.now() - t0 < maxMs; done++) {
    issue(done);
    const k = done % counters.length;
    const called = run({ type: 'callNext', counterId: counters[k]!.id }, clerk(k))?.find((e) => e.type === 'ticket.called');
    if (called?.type !== 'ticket.called') continue;
    run({ type: 'start', ticketId: called.ticketId }, clerk(k));
    run({ type: 'complete', ticketId: called.ticketId, outcome: 'completed' }, clerk(k));
  }
  return { issues: issued, ms: performance.now() - t0 };
}
