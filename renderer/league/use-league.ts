// The league table for a period and municipality (the newest request wins), and the list of
// municipalities for the selector. Both public: no sign-in.
import { useEffect, useState } from 'react';
import type { LeagueResponse, Municipality } from '../../shared/protocol/central.ts';
import { useCentral } from '../shell/app-context.tsx';
import type { Period } from '../central-client.ts';

export function useMunicipalities(): Municipality[] {
  const central = useCentral();
  const [list, setList] = useState<Municipality[]>([]);
  useEffect(() => {
    let live = true;
    central.municipalities().then((m) => live && setList(m), () => undefined);
    return () => {
      live = false;
    };
  }, [central]);
  return list;
}

export function useLeague(p: Period | null) {
  const central = useCentral();
  const [state, setState] = useState<{ data: LeagueResponse | null; error: unknown; loading: boolean }>({ data: null, error: null, loading: true });
  const from = p?.from;
  const to = p?.to;
  const municipality = p?.municipality;
  useEffect(() => {
    if (!from || !to) return;
    let live = true;
    setState((s) => ({ ...s, loading: true, error: null }));
    central.league({ from, to, municipality }).then(
      (data) => live && setState({ data, error: null, loading: false }),
      (error: unknown) => live && setState({ data: null, error, loading: false }),
    );
    return () => {
      live = false;
    };
  }, [central, from, to, municipality]);
  return state;
}
