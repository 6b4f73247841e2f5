// The HubClient, CentralClient and DeviceBridge reach components through context, never through `window`.
import { createContext, useContext } from 'react';
import type { HubClient } from '../hub-client.ts';
import type { CentralClient } from '../central-client.ts';
import type { DeviceBridge } from '../../shared/protocol/device-bridge.ts';
import type { StationInfo } from '../../shared/protocol/station.ts';

/** `station` is set in Electron (who this station is); null in a plain browser. */
export type AppServices = { hub: HubClient; central: CentralClient; bridge: DeviceBridge; station: StationInfo | null };

export const AppContext = createContext<AppServices | null>(null);

function useServices(): AppServices {
  const s = useContext(AppContext);
  if (!s) throw new Error('AppContext missing: render inside <AppContext.Provider>');
  return s;
}

export const useHub = (): HubClient => useServices().hub;
export const useCentral = (): CentralClient => useServices().central;
export const useBridge = (): DeviceBridge => useServices().bridge;
export const useStation = (): StationInfo | null => useServices().station;
