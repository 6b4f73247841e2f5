// The domain as seen from outside (the hub, the simulator, tools): build a hall, decide commands,
// fold their events, drive time, and read the live expected waits.
export { type HallConfig, type HallState, type RoutingPolicy, type TicketRecord, type UsualDay } from './hall-state.ts';
export { DEFAULT_CONFIG, apply, createHallState } from './fold.ts';
export { type Actor, type Command, type DecideContext, decide, dayRollover } from './commands.ts';
export { type Clock, type ManualClock, MINUTE, manualClock, systemClock } from './clock.ts';
export { type Placement, type WaitEstimate, ETA_MODEL, QUOTE_PERCENTILES, estimateNew, expectedWait, placementOf, placements } from './eta.ts';
export { DEFAULT_ROUTING, callOrder, pickNext } from './routing.ts';
export { countersNeeded, erlangC } from './erlang.ts';
export { NO_USUAL_DAY, learnUsualDay } from './eta-usual.ts';
