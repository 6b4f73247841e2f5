// Erlang C (M/M/c): the staffing planner's single-service model. Citizens arrive at random
// (Poisson, `arrivalsPerHour`), each takes an exponentially distributed time at the counter
// (mean `serviceMinutes`), `counters` serve one queue in order. Pure and exact; the probability
// of waiting is computed through the Erlang B recurrence, which stays stable for large c.

export interface ErlangInput {
  arrivalsPerHour: number;
  serviceMinutes: number;
}

/** Offered load in Erlangs: how many counters the arrivals would keep busy all the time. */
export const offeredLoad = (i: ErlangInput): number => (i.arrivalsPerHour / 60) * i.serviceMinutes;

/** Erlang C: the probability an arrival has to wait (1 when the counters cannot keep up). */
export function probabilityOfWaiting(counters: number, load: number): number {
  if (load <= 0) return 0;
  if (counters <= load) return 1;
  let b = 1; // Erlang B with 0 servers
  for (let k = 1; k <= counters; k++) b = (load * b) / (k + load * b);
  return (counters * b) / (counters - load * (1 - b));
}

/** Share of arrivals called within `targetMinutes` (the service level), and the mean wait. */
export function erlangC(counters: number, i: ErlangInput, targetMinutes: number): { serviceLevel: number; meanWaitMinutes: number; probabilityOfWaiting: number; occupancy: number } {
  const a = offeredLoad(i);
  const pw = probabilityOfWaiting(counters, a);
  if (counters <= a) return { serviceLevel: 0, meanWaitMinutes: Infinity, probabilityOfWaiting: 1, occupancy: 1 };
  return {
    serviceLevel: 1 - pw * Math.exp((-(counters - a) * targetMinutes) / i.serviceMinutes),
    meanWaitMinutes: (pw * i.serviceMinutes) / (counters - a),
    probabilityOfWaiting: pw,
    occupancy: a / counters,
  };
}

export interface Plan {
  /** The smallest number of counters meeting the target. */
  counters: number;
  serviceLevel: number;
  meanWaitMinutes: number;
  probabilityOfWaiting: number;
  offeredLoad: number;
  occupancy: number;
}

/** Counters needed so that `serviceLevel` of arrivals are called within `targetWaitMinutes`. */
export function countersNeeded(i: ErlangInput & { targetWaitMinutes: number; serviceLevel: number }): Plan {
  if (!(i.arrivalsPerHour >= 0 && i.serviceMinutes > 0 && i.targetWaitMinutes >= 0 && i.serviceLevel > 0 && i.serviceLevel < 1)) {
    throw new RangeError('arrivals ≥ 0, service minutes > 0, target wait ≥ 0 and a service level between 0 and 1 (exclusive)');
  }
  const a = offeredLoad(i);
  for (let c = Math.max(1, Math.floor(a) + 1); ; c++) {
    const r = erlangC(c, i, i.targetWaitMinutes);
    if (r.serviceLevel >= i.serviceLevel) return { counters: c, offeredLoad: a, ...r };
  }
}
