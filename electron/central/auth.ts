// Central's staff: users with a role and a scope, sessions stored hashed, and the halls'
// credentials (one per branch, stored hashed) that may write only their own branch.
import type pg from 'pg';
import type { CentralRole, CentralUser } from '../../shared/protocol/central.ts';
import { DUMMY_HASH, hashPassword, verifyPassword } from '../node-common/passwords.ts';
import { hashToken, newId, newToken } from '../node-common/tokens.ts';
import { ApiError } from '../node-common/http/errors.ts';

export const SESSION_MS = 12 * 3600_000;
const LOCK_AFTER = 5;
const LOCK_MS = 15 * 60_000;

export interface CentralPrincipal extends CentralUser {
  role: CentralRole;
}

/** What a user may see: everything, one municipality, or one centre. */
export function canSeeBranch(p: CentralPrincipal, b: { id: string; municipalityId: string }): boolean {
  if (p.role === 'platform_admin') return true;
  if (p.role === 'centre_manager') return p.branchId === b.id;
  return p.municipalityId === b.municipalityId;
}
export function canSeeMunicipality(p: CentralPrincipal, municipalityId: string): boolean {
  return p.role === 'platform_admin' || p.municipalityId === municipalityId;
}
/** Who may administer a municipality (its centres, enrolment codes, staff, catalogue). */
export function canAdminister(p: CentralPrincipal, municipalityId: string): boolean {
  return p.role === 'platform_admin' || (p.role === 'municipality_admin' && p.municipalityId === municipalityId);
}

type UserRow = { id: string; username: string; role: CentralRole; display_name: string; municipality_id: string | null; branch_id: string | null; password_hash: string; active: boolean };
const toUser = (r: UserRow): CentralPrincipal => ({ id: r.id, username: r.username, role: r.role, displayName: r.display_name, municipalityId: r.municipality_id, branchId: r.branch_id });

export function createCentralAuth(pool: pg.Pool) {
  const failures = new Map<string, { count: number; until: number }>();

  return {
    async createUser(u: { username: string; password: string; role: CentralRole; displayName?: string | undefined; municipalityId?: string | null | undefined; branchId?: string | null | undefined }): Promise<CentralPrincipal> {
      const id = newId('u');
      const r = await pool.query<UserRow>(
        `INSERT INTO users (id, username, password_hash, role, display_name, municipality_id, branch_id) VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (username) DO NOTHING RETURNING *`,
        [id, u.username, await hashPassword(u.password), u.role, u.displayName ?? '', u.municipalityId ?? null, u.branchId ?? null],
      );
      if (!r.rows[0]) throw new ApiError('conflict', `the username ${u.username} is taken`);
      return toUser(r.rows[0]);
    },

    async userByName(username: string): Promise<CentralPrincipal | undefined> {
      const r = await pool.query<UserRow>('SELECT * FROM users WHERE username = $1', [username]);
      return r.rows[0] ? toUser(r.rows[0]) : undefined;
    },

    async signIn(username: string, password: string, now: number): Promise<{ token: string; expiresAt: number; user: CentralPrincipal }> {
      const f = failures.get(username);
      if (f && f.until > now) throw new ApiError('rate_limited', `too many failed sign-ins for this account: try again in ${Math.ceil((f.until - now) / 60_000)} minutes`);
      const r = await pool.query<UserRow>('SELECT * FROM users WHERE username = $1', [username]);
      const row = r.rows[0];
      const good = await verifyPassword(password, row?.password_hash ?? DUMMY_HASH);
      if (!row || !good || !row.active) {
        const count = (f?.count ?? 0) + 1;
        failures.set(username, { count, until: count >= LOCK_AFTER ? now + LOCK_MS : 0 });
        throw new ApiError('unauthorized', 'wrong username or password');
      }
      failures.delete(username);
      const token = newToken();
      const expiresAt = now + SESSION_MS;
      await pool.query('INSERT INTO sessions (token_hash, user_id, expires_at) VALUES ($1, $2, $3)', [hashToken(token), row.id, new Date(expiresAt)]);
      return { token, expiresAt, user: toUser(row) };
    },

    async principal(token: string, now: number): Promise<CentralPrincipal | undefined> {
      const r = await pool.query<UserRow>(
        'SELECT u.* FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = $1 AND s.expires_at > $2 AND u.active',
        [hashToken(token), new Date(now)],
      );
      return r.rows[0] ? toUser(r.rows[0]) : undefined;
    },

    async signOut(token: string): Promise<void> {
      await pool.query('DELETE FROM sessions WHERE token_hash = $1', [hashToken(token)]);
    },

    /** The branch a hall credential writes; undefined for an unknown or revoked credential. */
    async hallBranch(credential: string): Promise<{ id: string; municipalityId: string } | undefined> {
      const r = await pool.query<{ id: string; municipality_id: string }>(
        'SELECT id, municipality_id FROM branches WHERE credential_hash = $1 AND revoked_at IS NULL',
        [hashToken(credential)],
      );
      return r.rows[0] ? { id: r.rows[0].id, municipalityId: r.rows[0].municipality_id } : undefined;
    },
  };
}

export type CentralAuth = ReturnType<typeof createCentralAuth>;
