// Polls the public tracking endpoint (no token) every few seconds, until the code turns out unknown.
import { useEffect, useState } from 'react';
import { useHub } from '../shell/app-context.tsx';
import type { TrackResponse } from '../../shared/protocol/http.ts';
import { HubError } from '../hub-client.ts';

export function useTrack(code: string, everyMs = 4000) {
  const hub = useHub();
  const [data, setData] = useState<TrackResponse | null>(null);
  const [error, setError] = useState<'not_found' | 'network' | null>(null);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const poll = async () => {
      try {
        const r = await hub.publicRequest<TrackResponse>('GET', `/api/v1/track/${encodeURIComponent(code)}`);
        if (!live) return;
        setData(r);
        setError(null);
      } catch (e) {
        if (!live) return;
        const gone = e instanceof HubError && e.status === 404;
        setError(gone ? 'not_found' : 'network');
        // An unknown code stays unknown (codes are never reused): asking again would only spend
        // this address's guess budget, which neighbours behind the same address share.
        if (gone) return;
      }
      if (live) timer = setTimeout(poll, everyMs);
    };
    void poll();
    return () => {
      live = false;
      if (timer) clearTimeout(timer);
    };
  }, [hub, code, everyMs, tick]);
  /** `replace`: an answer the page already has (leaving the queue answers with the view). */
  return { data, error, refresh: () => setTick((n) => n + 1), replace: setData };
}
