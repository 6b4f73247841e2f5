// The waiting queue in call order (GET /queue), refreshed as the stream moves the hall.
import { useEffect, useState } from 'react';
import { useHub } from '../shell/app-context.tsx';
import { useHall } from '../store/hall-store.ts';
import type { QueueResponse } from '../../shared/protocol/http.ts';

export function useQueue(pollMs = 30_000): QueueResponse | null {
  const hub = useHub();
  const seq = useHall((s) => s.seq);
  const [q, setQ] = useState<QueueResponse | null>(null);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    const id = setInterval(() => setTick((n) => n + 1), pollMs);
    return () => clearInterval(id);
  }, [pollMs]);
  useEffect(() => {
    let live = true;
    const timer = setTimeout(() => {
      hub.get<QueueResponse>('/api/v1/queue').then((r) => live && setQ(r)).catch(() => {});
    }, 150);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [hub, seq, tick]);
  return q;
}
