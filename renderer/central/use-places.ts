// The centres and municipalities the signed-in account may see, to name them by their ids (an
// account's centre, an audit entry's target).
import type { Centre, Municipality } from '../../shared/protocol/central.ts';
import { useCentral } from '../shell/app-context.tsx';
import { useCentralData } from './use-central-data.ts';

export type Places = {
  centres: Centre[];
  municipalities: Municipality[];
  centre: (id: string | null) => Centre | undefined;
  municipality: (id: string | null) => Municipality | undefined;
};

/** Read only when `enabled` (an admin's screen): otherwise empty. */
export function usePlaces(enabled: boolean): Places {
  const central = useCentral();
  const centres = useCentralData(() => (enabled ? central.centres() : Promise.resolve([])), String(enabled)).data ?? [];
  const municipalities = useCentralData(() => (enabled ? central.staffMunicipalities() : Promise.resolve([])), String(enabled)).data ?? [];
  return {
    centres,
    municipalities,
    centre: (id) => centres.find((c) => c.id === id),
    municipality: (id) => municipalities.find((m) => m.id === id),
  };
}
