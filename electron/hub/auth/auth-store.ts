// Staff accounts, sessions, paired devices and pairing codes. Secrets are stored hashed only.
import type { DeviceRole, StaffRole, User } from '../../../shared/protocol/entities.ts';
import type { Db } from '../store/database.ts';
import { createSignInGuard } from '../../node-common/sign-in-guard.ts';
import { hashToken, newId, newPairingCode, newToken } from '../../node-common/tokens.ts';

export interface Principal {
  id: string;
  role: StaffRole | DeviceRole;
  kind: 'staff' | 'device';
  name: string;
}

export const SESSION_HOURS = 12;
/**
 * How long the hub keeps who a token is without asking the database again (real time). Every
 * request asks; a revocation made through the hub clears what is kept at once, so this bounds only
 * a change made to the database by something else.
 */
export const PRINCIPAL_KEPT_MS = 5_000;
/** Tokens kept at most (only tokens that hold are kept: an unknown one is looked up every time). */
const PRINCIPALS_KEPT = 10_000;
export const PAIRING_MINUTES = 10;

export type AuthStore = ReturnType<typeof createAuthStore>;

/** A credential that stopped holding: a device revoked, every session of a user, or one session (signed out). */
export type Revocation = { kind: 'device'; id: string } | { kind: 'user'; id: string } | { kind: 'session'; token: string };

/**
 * `loopbackExempt` (default true): sign-ins from the hub's own machine (the all-in-one station's
 * screens) are never delayed by failed sign-ins (node-common/sign-in-guard.ts).
 */
export function createAuthStore(db: Db, options: { loopbackExempt?: boolean } = {}) {
  const revocationListeners = new Set<(r: Revocation) => void>();
  // When each device last called the hub (Admin → Devices' "last seen"): kept in memory, not written per request.
  const lastSeen = new Map<string, number>();
  // Who each token that holds is, for a moment (PRINCIPAL_KEPT_MS) and never past its session's end.
  const kept = new Map<string, { principal: Principal; until: number; expiresAt: number }>();
  const revoked = (r: Revocation) => {
    kept.clear();
    for (const l of revocationListeners) l(r);
  };
  // Failed sign-ins per (username, address), also for names that do not exist. Kept in memory: a
  // restart forgives, the per-route, per-address rate limit still holds.
  const signIns = createSignInGuard({ loopbackExempt: options.loopbackExempt ?? true });
  const q = {
    userByName: db.prepare('SELECT id, username, role, display_name AS displayName, password_hash AS passwordHash, active FROM users WHERE username = ?'),
    insertUser: db.prepare('INSERT INTO users (id, username, role, display_name, password_hash, created_at) VALUES (?, ?, ?, ?, ?, ?)'),
    listUsers: db.prepare('SELECT id, username, role, display_name AS displayName, active FROM users ORDER BY username'),
    setPassword: db.prepare('UPDATE users SET password_hash = ? WHERE id = ?'),
    dropSessions: db.prepare('DELETE FROM sessions WHERE user_id = ?'),
    userById: db.prepare('SELECT id, username, role, display_name AS displayName, password_hash AS passwordHash, active FROM users WHERE id = ?'),
    setActive: db.prepare('UPDATE users SET active = ? WHERE id = ?'),
    updateUser: db.prepare('UPDATE users SET role = COALESCE(?, role), display_name = COALESCE(?, display_name) WHERE id = ?'),
    dropSession: db.prepare('DELETE FROM sessions WHERE token_hash = ?'),
    insertSession: db.prepare('INSERT INTO sessions (token_hash, user_id, expires_at) VALUES (?, ?, ?)'),
    sessionPrincipal: db.prepare('SELECT u.id, u.role, u.username AS name, s.expires_at AS expiresAt FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = ? AND s.expires_at > ? AND u.active = 1'),
    purgeSessions: db.prepare('DELETE FROM sessions WHERE expires_at <= ?'),
    devicePrincipal: db.prepare('SELECT id, role, name FROM devices WHERE token_hash = ? AND revoked_at IS NULL'),
    insertCode: db.prepare('INSERT INTO pairing_codes (code_hash, role, expires_at, created_by) VALUES (?, ?, ?, ?)'),
    takeCode: db.prepare('UPDATE pairing_codes SET used_at = ? WHERE code_hash = ? AND used_at IS NULL AND expires_at > ? RETURNING role'),
    insertDevice: db.prepare('INSERT INTO devices (id, name, role, token_hash, created_at) VALUES (?, ?, ?, ?, ?)'),
    listDevices: db.prepare('SELECT id, name, role, created_at AS createdAt, revoked_at AS revokedAt FROM devices ORDER BY created_at'),
    revokeDevice: db.prepare('UPDATE devices SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL'),
    revokeDevicesNamed: db.prepare('UPDATE devices SET revoked_at = ? WHERE name = ? AND revoked_at IS NULL'),
  };

  function endSessions(userId: string): number {
    const n = q.dropSessions.run(userId).changes;
    revoked({ kind: 'user', id: userId });
    return n;
  }

  return {
    userByName: (username: string) =>
      q.userByName.get(username) as (User & { passwordHash: string; active: number; displayName: string | null }) | undefined,
    users: () => (q.listUsers.all() as (User & { active: number; displayName: string | null })[]).map((u) => ({
      id: u.id, username: u.username, role: u.role, active: u.active === 1, ...(u.displayName ? { displayName: u.displayName } : {}),
    })),
    createUser(input: { username: string; role: StaffRole; passwordHash: string; displayName?: string }): User {
      const id = newId('u');
      q.insertUser.run(id, input.username, input.role, input.displayName ?? null, input.passwordHash, new Date().toISOString());
      return { id, username: input.username, role: input.role, ...(input.displayName ? { displayName: input.displayName } : {}) };
    },
    userById: (id: string) =>
      q.userById.get(id) as { id: string; username: string; role: StaffRole; displayName: string | null; passwordHash: string; active: number } | undefined,
    /** A new password ends every session of that user (other browsers must sign in again, open streams close). */
    setPassword(userId: string, passwordHash: string): void {
      db.transaction(() => {
        q.setPassword.run(passwordHash, userId);
        q.dropSessions.run(userId);
      })();
      revoked({ kind: 'user', id: userId });
    },
    /** Ends every session of a user now; returns how many there were. */
    endSessions,
    /** Server-side sign-out of one session. */
    endSession(token: string): void {
      q.dropSession.run(hashToken(token));
      revoked({ kind: 'session', token });
    },
    /** Disables (and signs out everywhere) or re-enables an account. */
    setActive(userId: string, active: boolean): boolean {
      const changed = q.setActive.run(active ? 1 : 0, userId).changes === 1;
      if (changed && !active) endSessions(userId);
      return changed;
    },
    updateUser(userId: string, patch: { role?: StaffRole; displayName?: string }): boolean {
      const changed = q.updateUser.run(patch.role ?? null, patch.displayName ?? null, userId).changes === 1;
      // A new role must not ride on sessions opened under the old one.
      if (changed && patch.role) endSessions(userId);
      return changed;
    },
    /** Failed sign-ins per (account, address): the delay before the next attempt, and an admin's unlock. */
    signIns,
    /** Listens for credentials that stop holding (the event stream closes their sockets). */
    onRevoked(listener: (r: Revocation) => void): () => void {
      revocationListeners.add(listener);
      return () => revocationListeners.delete(listener);
    },
    createSession(userId: string, now: number): { token: string; expiresAt: number } {
      const token = newToken();
      const expiresAt = now + SESSION_HOURS * 3_600_000;
      q.purgeSessions.run(now);
      q.insertSession.run(hashToken(token), userId, expiresAt);
      return { token, expiresAt };
    },
    /** The principal behind a bearer token: a staff session or a paired device; undefined when unknown, expired or revoked. */
    principal(token: string, now: number): Principal | undefined {
      const k = kept.get(token);
      if (k && k.until > performance.now() && k.expiresAt > now) {
        if (k.principal.kind === 'device') lastSeen.set(k.principal.id, now);
        return k.principal;
      }
      if (k) kept.delete(token);
      const h = hashToken(token);
      const s = q.sessionPrincipal.get(h, now) as { id: string; role: StaffRole; name: string; expiresAt: number } | undefined;
      const d = s ? undefined : (q.devicePrincipal.get(h) as { id: string; role: DeviceRole; name: string } | undefined);
      const principal: Principal | undefined = s ? Object.freeze({ id: s.id, role: s.role, name: s.name, kind: 'staff' as const }) : d ? Object.freeze({ ...d, kind: 'device' as const }) : undefined;
      if (!principal) return undefined;
      if (d) lastSeen.set(d.id, now);
      if (kept.size >= PRINCIPALS_KEPT) kept.clear();
      kept.set(token, { principal, until: performance.now() + PRINCIPAL_KEPT_MS, expiresAt: s ? s.expiresAt : Infinity });
      return principal;
    },
    createPairingCode(role: DeviceRole, createdBy: string, now: number): { code: string; expiresAt: number } {
      const code = newPairingCode();
      const expiresAt = now + PAIRING_MINUTES * 60_000;
      q.insertCode.run(hashToken(code), role, expiresAt, createdBy);
      return { code, expiresAt };
    },
    /** Exchanges a one-time code for a device token; undefined when the code is unknown, used or expired. */
    pair: db.transaction((code: string, name: string, now: number): { deviceId: string; role: DeviceRole; token: string } | undefined => {
      const row = q.takeCode.get(new Date(now).toISOString(), hashToken(code.toUpperCase()), now) as { role: DeviceRole } | undefined;
      if (!row) return undefined;
      const deviceId = newId('d');
      const token = newToken();
      q.insertDevice.run(deviceId, name, row.role, hashToken(token), new Date(now).toISOString());
      return { deviceId, role: row.role, token };
    }),
    /** Paired devices, each with when it last called the hub since the hub started (in memory). */
    devices: () => (q.listDevices.all() as { id: string; name: string; role: DeviceRole; createdAt: string; revokedAt: string | null }[])
      .map((d) => ({ ...d, ...(lastSeen.has(d.id) ? { lastSeenAt: new Date(lastSeen.get(d.id)!).toISOString() } : {}) })),
    revokeDevice(id: string, now: number): boolean {
      const done = q.revokeDevice.run(new Date(now).toISOString(), id).changes === 1;
      if (done) revoked({ kind: 'device', id });
      return done;
    },
    /** A device the hub makes for itself (the all-in-one station's own screens); older ones of that name are revoked. */
    ownDevice(name: string, role: DeviceRole, now: number): string {
      if (q.revokeDevicesNamed.run(new Date(now).toISOString(), name).changes > 0) kept.clear();
      const deviceId = newId('d');
      const token = newToken();
      q.insertDevice.run(deviceId, name, role, hashToken(token), new Date(now).toISOString());
      return token;
    },
  };
}
