// A list from an admin endpoint, reloadable after a save.
import { useCallback, useEffect, useState } from 'react';
import { useHub } from '../shell/app-context.tsx';
import { HubError } from '../hub-client.ts';

export function useAdminList<T>(path: string) {
  const hub = useHub();
  const [items, setItems] = useState<T[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const reload = useCallback(() => {
    hub
      .get<T[]>(path)
      .then((r) => {
        setItems(r);
        setError(null);
      })
      .catch((e: unknown) => setError(e instanceof HubError ? `${e.status} ${e.code}` : String(e)));
  }, [hub, path]);
  useEffect(reload, [reload]);
  return { items, error, reload };
}

export function errorText(e: unknown): string {
  return e instanceof HubError ? e.message || e.code : String(e);
}
