// The estimates the model is measured against, computed at each issue of the simulated day:
//  - "last person called": the wait of the last ticket of the same service to be called;
//  - "queue length × mean service time ÷ counters": tickets of the service waiting ahead × today's
//    mean service time (start → complete, blended with the prior as before) ÷ open counters serving it;
//  - the previous model of eta.ts (until issue 13): Gamma(k + 1 − idle, μ ÷ c) with k the waiting
//    tickets of every service sharing a counter, c the open counters of the service, μ the mean
//    service time; kept here to show what changed.
import type { ExpectedWait } from '../protocol/entities.ts';
import { competingServices, countersServing, gammaQuantile } from '../domain/eta.ts';
import type { HallState } from '../domain/hall-state.ts';

const Z80 = 0.8416;

export const lastCalledBaseline = (lastWait: ReadonlyMap<string, number>, serviceId: string): number => lastWait.get(serviceId) ?? 0;

/** Today's mean service time (start → complete), blended with the hall's prior worth 3 services. */
function meanService(state: HallState, serviceId: string): number {
  const t = state.tally.get(serviceId);
  const prior = state.config.defaultServiceMinutes;
  if (!t || t.serviceCount === 0) return prior;
  return (t.serviceSumMs / 60_000 + prior * 3) / (t.serviceCount + 3);
}

export function queueLengthBaseline(state: HallState, serviceId: string, exceptId: string): number {
  let waiting = 0;
  for (const t of state.tickets.values()) if (t.status === 'waiting' && t.serviceId === serviceId && t.id !== exceptId) waiting++;
  const open = countersServing(state, serviceId).filter((c) => c.state === 'open').length;
  return (waiting * meanService(state, serviceId)) / Math.max(1, open);
}

export function previousModel(state: HallState, serviceId: string): { mean: number; quote: ExpectedWait } {
  const competing = competingServices(state, serviceId);
  let ahead = 0;
  for (const t of state.tickets.values()) if (t.status === 'waiting' && competing.has(t.serviceId)) ahead++;
  const counters = countersServing(state, serviceId);
  const open = counters.filter((c) => c.state === 'open');
  const c = Math.max(1, open.length || counters.length);
  const idle = open.filter((k) => !k.ticketId).length;
  const shape = ahead + 1 - idle;
  if (shape <= 0) return { mean: 0, quote: { minMinutes: 0, maxMinutes: 1 } };
  const scale = meanService(state, serviceId) / c;
  const lo = Math.floor(gammaQuantile(shape, scale, -Z80));
  return { mean: shape * scale, quote: { minMinutes: lo, maxMinutes: Math.max(lo + 1, Math.ceil(gammaQuantile(shape, scale, Z80))) } };
}
