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
  /** One's own password changed: central ended every session of the account and gave this one a new token. */
  renew: (t: { token: string; expiresAt: string }) => void;
  signOut: (ended?: boolean) => void;
};

export const useCentralSession = create<Store>((set, get) => ({
  session: read(),
  ended: false,
  signIn: (s) => {
    sessionStorage.setItem(key, JSON.stringify(s));
    set({ session: s, ended: false });
  },
  renew: ({ token, expiresAt }) => {
    const s = get().session;
    if (!s) return;
    const next = { ...s, token, expiresAt };
    sessionStorage.setItem(key, JSON.stringify(next));
    set({ session: next, ended: false });
  },
  signOut: (ended = false) => {
    sessionStorage.removeItem(key);
    set({ session: null, ended });
  },
}));

/** Platform and municipality admins administer accounts (central scopes which: a municipality admin their municipality's). */
export const administersAccounts = (role: string | undefined): boolean => role === 'platform_admin' || role === 'municipality_admin';
