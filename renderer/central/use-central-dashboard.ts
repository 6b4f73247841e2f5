// GET /api/v1/dashboard every few seconds (the next request only after the last one answered).
// A failed refresh keeps the last figures on screen with the error beside them; a refused token
// ends the session (the sign-in form says why).
import { useEffect, useState } from 'react';
import type { DashboardResponse } from '../../shared/protocol/central.ts';
import { useCentral } from '../shell/app-context.tsx';
import { useCentralSession } from '../store/central-session-store.ts';
import { CentralError } from '../central-client.ts';

export const REFRESH_MS = 5_000;

export function useCentralDashboard(municipality: string) {
  const central = useCentral();
  const signOut = useCentralSession((s) => s.signOut);
  const [state, setState] = useState<{ data: DashboardResponse | null; error: unknown }>({ data: null, error: null });
  useEffect(() => {
    let live = true;
    let timer: ReturnType<typeof setTimeout> | null = null;
    setState({ data: null, error: null });
    const load = () => {
      central.dashboard(municipality || undefined).then(
        (data) => live && setState({ data, error: null }),
        (error: unknown) => {
          if (!live) return;
          if (error instanceof CentralError && error.status === 401) return signOut(true);
          setState((s) => ({ data: s.data, error }));
        },
      ).finally(() => {
        if (live) timer = setTimeout(load, REFRESH_MS);
      });
    };
    load();
    return () => {
      live = false;
      if (timer) clearTimeout(timer);
    };
  }, [central, municipality, signOut]);
  return state;
}
