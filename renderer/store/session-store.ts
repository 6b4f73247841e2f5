// Who is using this screen: a signed-in staff member (per browser tab) or a paired device
// (per role, kept in localStorage so a kiosk stays paired across restarts).
import { create } from 'zustand';
import type { DeviceRole, User } from '../../shared/protocol/entities.ts';

export type StaffSession = { token: string; user: User; expiresAt: string };

const staffKey = 'dawr.staff';
const deviceKey = (role: DeviceRole) => `dawr.device.${role}`;

function readStaff(): StaffSession | null {
  try {
    const raw = sessionStorage.getItem(staffKey);
    if (!raw) return null;
    const s = JSON.parse(raw) as StaffSession;
    return new Date(s.expiresAt).getTime() > Date.now() ? s : null;
  } catch {
    return null;
  }
}

type SessionStore = {
  staff: StaffSession | null;
  signIn: (s: StaffSession) => void;
  signOut: () => void;
};

export const useSession = create<SessionStore>((set) => ({
  staff: readStaff(),
  signIn: (s) => {
    sessionStorage.setItem(staffKey, JSON.stringify(s));
    set({ staff: s });
  },
  signOut: () => {
    sessionStorage.removeItem(staffKey);
    set({ staff: null });
  },
}));

export function deviceToken(role: DeviceRole): string | null {
  return localStorage.getItem(deviceKey(role));
}

export function saveDeviceToken(role: DeviceRole, token: string): void {
  localStorage.setItem(deviceKey(role), token);
}

export function forgetDeviceToken(role: DeviceRole): void {
  localStorage.removeItem(deviceKey(role));
}
