// GET /stats/live, refreshed when the stream moves and every 20 s (waits grow without events).
import { useEffect, useState } from 'react';
import { useHub } from '../shell/app-context.tsx';
import { useHall } from '../store/hall-store.ts';
import type { LiveStats } from '../../shared/protocol/http.ts';
import { HubError } from '../hub-client.ts';

export function useLiveStats(): { stats: LiveStats | null; error: string | null } {
  const hub = useHub();
  const seq = useHall((s) => s.seq);
  const [stats, setStats] = useState<LiveStats | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    const id = setInterval(() => setTick((n) => n + 1), 20_000);
    return () => clearInterval(id);
  }, []);
  useEffect(() => {
    let live = true;
    const timer = setTimeout(() => {
      hub
        .get<LiveStats>('/api/v1/stats/live')
        .then((s) => {
          if (!live) return;
          setStats(s);
          setError(null);
        })
        .catch((e: unknown) => live && setError(e instanceof HubError ? e.code : String(e)));
    }, 300);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [hub, seq, tick]);
  return { stats, error };
}
