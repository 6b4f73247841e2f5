// Who is signed in to central's dashboard (per browser tab), apart from a hall's staff session:
// central's accounts and roles are the municipality's, not a hall's.
import { create } from 'zustand';
import type { CentralLoginResponse } from '../../shared/protocol/central.ts';

export type CentralSession = CentralLoginResponse;

const key = 'dawr.central';

function read(): CentralSession | null {
  try {
    const raw = sessionStorage.getItem(key);
    if (!raw) return null;
    const s = JSON.parse(raw) as CentralSession;
    return new Date(s.expiresAt).getTime() > Date.now() ? s : null;
  } catch {
    return null;
  }
}

type Store = {
  session: CentralSession | null;
  /** Central refused the token (expired or signed out elsewhere): the sign-in form says so. */
  ended: boolean;
  signIn: (s: CentralSession) => void;
  signOut: (ended?: boolean) => void;
};

export const useCentralSession = create<Store>((set) => ({
  session: read(),
  ended: false,
  signIn: (s) => {
    sessionStorage.setItem(key, JSON.stringify(s));
    set({ session: s, ended: false });
  },
  signOut: (ended = false) => {
    sessionStorage.removeItem(key);
    set({ session: null, ended });
  },
}));
