// What central's account screen reads (accounts, centres, municipalities, the audit log): loaded
// once and again on `reload()` or a new `key`. A 401 means the session ended (signed out elsewhere,
// disabled, password changed on another screen): the gate then asks to sign in again.
import { useCallback, useEffect, useState } from 'react';
import { CentralError } from '../central-client.ts';
import { useCentralSession } from '../store/central-session-store.ts';

export function useCentralData<T>(load: () => Promise<T>, key = '') {
  const refused = useRefused();
  const [state, setState] = useState<{ data: T | null; error: unknown }>({ data: null, error: null });
  const [round, setRound] = useState(0);
  useEffect(() => {
    let live = true;
    load().then(
      (data) => live && setState({ data, error: null }),
      (error: unknown) => {
        if (live && !refused(error)) setState((s) => ({ data: s.data, error }));
      },
    );
    return () => {
      live = false;
    };
    // `load` is read afresh at each round: what changes the answer is `key` or `reload()`.
  }, [key, round, refused]);
  const reload = useCallback(() => setRound((n) => n + 1), []);
  return { ...state, reload };
}

/** true (and signed out, the sign-in form saying so) when central answered 401: the session is over. */
export function useRefused(): (err: unknown) => boolean {
  const signOut = useCentralSession((s) => s.signOut);
  return useCallback((err: unknown) => {
    if (!(err instanceof CentralError && err.status === 401)) return false;
    signOut(true);
    return true;
  }, [signOut]);
}
