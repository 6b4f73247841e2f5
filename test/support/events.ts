// Awaiting the next event from a subscribe-style API (tests wait for events, never for time).
import type { Unsubscribe } from '../../shared/protocol/device-bridge.ts';

/** Resolves with the first value for which `accept` holds. */
export function nextEvent<T>(subscribe: (listener: (value: T) => void) => Unsubscribe, accept: (value: T) => boolean = () => true): Promise<T> {
  return new Promise((resolve) => {
    const off = subscribe((value) => {
      if (!accept(value)) return;
      off();
      resolve(value);
    });
  });
}

/** Collects every value until the returned `stop` is called. */
export function collect<T>(subscribe: (listener: (value: T) => void) => Unsubscribe): { values: T[]; stop: Unsubscribe } {
  const values: T[] = [];
  const stop = subscribe((v) => values.push(v));
  return { values, stop };
}
