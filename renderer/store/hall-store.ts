// The hall as the event stream describes it: one Zustand store fed by the HubClient.
import { create } from 'zustand';
import type { HubClient, ConnectionState } from '../hub-client.ts';
import { applyEvent, emptyHall, fromSnapshot, type HallState } from './apply-event.ts';

type HallStore = HallState & { connection: ConnectionState; ready: boolean };

export const useHall = create<HallStore>(() => ({ ...emptyHall, connection: 'idle', ready: false }));

/** Wires the stream into the store; returns the unsubscribe. */
export function feedHall(hub: HubClient): () => void {
  return hub.subscribe({
    snapshot: (s) => useHall.setState((st) => ({ ...fromSnapshot(s, st), ready: true })),
    event: (e) => useHall.setState((st) => applyEvent(st, e)),
    queue: (queue) => useHall.setState({ queue }),
    state: (connection) => useHall.setState({ connection }),
  });
}
