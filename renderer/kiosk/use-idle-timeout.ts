// Back to the start when nobody touches the kiosk for a while. Touches inside the root reset it.
import { useCallback, useEffect, useRef } from 'react';

export function useIdleTimeout(ms: number | null, onIdle: () => void): () => void {
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const cb = useRef(onIdle);
  useEffect(() => {
    cb.current = onIdle;
  }, [onIdle]);
  const touch = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = ms === null ? null : setTimeout(() => cb.current(), ms);
  }, [ms]);
  useEffect(() => {
    touch();
    return () => {
      if (timer.current) clearTimeout(timer.current);
    };
  }, [touch]);
  return touch;
}
