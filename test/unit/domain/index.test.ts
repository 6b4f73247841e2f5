// shared/domain/index.ts: the domain can be driven from outside through one module, as the simulator does.
import { describe, expect, it } from 'vitest';
import { apply, createHallState, decide, manualClock, placements } from '../../../shared/domain/index.ts';
import { SERVICES, branch, COUNTERS } from './support.ts';

describe('shared/domain index', () => {
  it('builds a hall, decides and applies an issue with a manual clock, and places the ticket', () => {
    const clock = manualClock(Date.parse('2025-03-02T06:00:00Z'));
    const state = createHallState({ day: '2025-03-02', branch, services: SERVICES, counters: COUNTERS });
    const d = decide(state, { type: 'issue', serviceId: 'civil', lang: 'en', priority: 'none', identityVerified: false }, { now: clock.now(), actor: { id: 'k', role: 'kiosk' }, newTrackingCode: () => 'T1' });
    if (!d.ok) throw new Error(d.error.message);
    for (const e of d.value) apply(state, e);
    const issued = d.value[0]!;
    expect(issued.type === 'ticket.issued' && issued.quote.minMinutes <= issued.quote.maxMinutes).toBe(true);
    clock.advance(60_000);
    expect([...placements(state, clock.now()).values()]).toHaveLength(1);
  });
});
