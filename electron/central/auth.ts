// Central's staff: users with a role and a scope, sessions stored hashed, failed sign-ins per
// (account, address) (node-common/sign-in-guard.ts), and the halls' credentials (one per branch,
// stored hashed) that may write only their own branch.
import type pg from 'pg';
import type { CentralAccount, CentralRole, CentralUser } from '../../shared/protocol/central.ts';
import { DUMMY_HASH, hashPassword, verifyPassword } from '../node-common/passwords.ts';
import { createSignInGuard } from '../node-common/sign-in-guard.ts';
import { hashToken, newId, newToken } from '../node-common/tokens.ts';
import { ApiError } from '../node-common/http/errors.ts';

export const SESSION_MS = 12 * 3600_000;

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

type UserRow = { id: string; username: string; role: CentralRole; display_name: string; municipality_id: string | null; branch_id: string | null; password_hash: string; active: boolean; created_at: Date };
const toUser = (r: UserRow): CentralPrincipal => ({ id: r.id, username: r.username, role: r.role, displayName: r.display_name, municipalityId: r.municipality_id, branchId: r.branch_id });
const toAccount = (r: UserRow): CentralAccount => ({ ...toUser(r), active: r.active, createdAt: r.created_at.toISOString() });

export type SignInResult =
  | { kind: 'ok'; token: string; expiresAt: number; user: CentralPrincipal }
  /** This address must wait before trying this account again. */
  | { kind: 'delayed'; waitMs: number }
  /** Wrong password, unknown name or disabled account (one answer for all three); the account, when there is one. */
  | { kind: 'failed'; user?: CentralPrincipal };

/** What an edit leaves an account with (the route has checked who may make it). */
export interface AccountChange {
  role: CentralRole;
  municipalityId: string | null;
  branchId: string | null;
  displayName?: string | undefined;
  active?: boolean | undefined;
}

/**
 * `loopbackExempt`: never delay sign-ins from this machine's loopback. Off by default on central:
 * it has no station of its own to protect, and behind a reverse proxy on the same host every
 * client would look like loopback and failed sign-ins would slow nobody.
 */
export function createCentralAuth(pool: pg.Pool, options: { loopbackExempt?: boolean } = {}) {
  const signIns = createSignInGuard({ loopbackExempt: options.loopbackExempt ?? false });

  async function newSession(client: pg.Pool | pg.PoolClient, userId: string, now: number): Promise<{ token: string; expiresAt: number }> {
    const token = newToken();
    const expiresAt = now + SESSION_MS;
    await client.query('DELETE FROM sessions WHERE user_id = $1 AND expires_at <= $2', [userId, new Date(now)]);
    await client.query('INSERT INTO sessions (token_hash, user_id, expires_at) VALUES ($1, $2, $3)', [hashToken(token), userId, new Date(expiresAt)]);
    return { token, expiresAt };
  }

  async function inTransaction<T>(work: (c: pg.PoolClient) => Promise<T>): Promise<T> {
    const c = await pool.connect();
    try {
      await c.query('BEGIN');
      const out = await work(c);
      await c.query('COMMIT');
      return out;
    } catch (err) {
      await c.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      c.release();
    }
  }

  return {
    /** Failed sign-ins per (account, address): the delay before the next attempt, and an admin's unlock. */
    signIns,

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

    async account(id: string): Promise<CentralAccount | undefined> {
      const r = await pool.query<UserRow>('SELECT * FROM users WHERE id = $1', [id]);
      return r.rows[0] ? toAccount(r.rows[0]) : undefined;
    },

    /** Every account, or those of one municipality. */
    async accounts(municipalityId: string | null): Promise<CentralAccount[]> {
      const r = await pool.query<UserRow>('SELECT * FROM users WHERE $1::text IS NULL OR municipality_id = $1 ORDER BY username', [municipalityId]);
      return r.rows.map(toAccount);
    },

    /** Checks a password from an address; a failure is counted against that address only. */
    async signIn(username: string, password: string, address: string, now: number): Promise<SignInResult> {
      const waitMs = signIns.waitMs(username, address, now);
      if (waitMs > 0) return { kind: 'delayed', waitMs };
      const r = await pool.query<UserRow>('SELECT * FROM users WHERE username = $1', [username]);
      const row = r.rows[0];
      // Always spend the same work, so the answer's timing does not reveal which usernames exist.
      const good = await verifyPassword(password, row?.password_hash ?? DUMMY_HASH);
      if (!row || !good || !row.active) {
        signIns.failed(username, address, now);
        return { kind: 'failed', ...(row ? { user: toUser(row) } : {}) };
      }
      signIns.succeeded(username, address);
      return { kind: 'ok', ...(await newSession(pool, row.id, now)), user: toUser(row) };
    },

    /**
     * One's own password: the current one is checked (a failure counts like a failed sign-in), then
     * every session ends and a new one is opened.
     */
    async changeOwnPassword(user: CentralPrincipal, current: string, next: string, address: string, now: number): Promise<{ kind: 'delayed'; waitMs: number } | { kind: 'wrong' } | { kind: 'ok'; token: string; expiresAt: number }> {
      const waitMs = signIns.waitMs(user.username, address, now);
      if (waitMs > 0) return { kind: 'delayed', waitMs };
      const r = await pool.query<{ password_hash: string }>('SELECT password_hash FROM users WHERE id = $1', [user.id]);
      if (!r.rows[0] || !(await verifyPassword(current, r.rows[0].password_hash))) {
        signIns.failed(user.username, address, now);
        return { kind: 'wrong' };
      }
      signIns.succeeded(user.username, address);
      const hash = await hashPassword(next);
      return inTransaction(async (c) => {
        await c.query('UPDATE users SET password_hash = $2 WHERE id = $1', [user.id, hash]);
        await c.query('DELETE FROM sessions WHERE user_id = $1', [user.id]);
        return { kind: 'ok' as const, ...(await newSession(c, user.id, now)) };
      });
    },

    /** An administrator sets an account's password: its sessions end, and no address waits any more. */
    async resetPassword(user: CentralPrincipal, password: string): Promise<void> {
      const hash = await hashPassword(password);
      await inTransaction(async (c) => {
        await c.query('UPDATE users SET password_hash = $2 WHERE id = $1', [user.id, hash]);
        await c.query('DELETE FROM sessions WHERE user_id = $1', [user.id]);
      });
      signIns.unlock(user.username);
    },

    /** Ends every session of an account now; returns how many there were. */
    async endSessions(userId: string): Promise<number> {
      return (await pool.query('DELETE FROM sessions WHERE user_id = $1', [userId])).rowCount ?? 0;
    },

    /**
     * Edits an account. Disabling it, or changing its role or centre, ends its sessions. The last
     * active platform admin can be neither disabled nor made anything else (409): changes to
     * platform admins are serialised on their rows, so two at once cannot remove the last two.
     */
    async updateUser(id: string, change: AccountChange): Promise<{ account: CentralAccount; endedSessions: boolean }> {
      return inTransaction(async (c) => {
        const admins = (await c.query<{ id: string }>("SELECT id FROM users WHERE role = 'platform_admin' AND active ORDER BY id FOR UPDATE")).rows.map((r) => r.id);
        const before = (await c.query<UserRow>('SELECT * FROM users WHERE id = $1 FOR UPDATE', [id])).rows[0];
        if (!before) throw new ApiError('not_found', `no user ${id}`);
        const active = change.active ?? before.active;
        if (before.role === 'platform_admin' && before.active && (change.role !== 'platform_admin' || !active) && admins.filter((a) => a !== id).length === 0) {
          throw new ApiError('conflict', 'this is the last active platform admin: make another one first');
        }
        const r = await c.query<UserRow>(
          'UPDATE users SET role = $2, municipality_id = $3, branch_id = $4, display_name = COALESCE($5, display_name), active = $6 WHERE id = $1 RETURNING *',
          [id, change.role, change.municipalityId, change.branchId, change.displayName ?? null, active],
        );
        const endedSessions = !active || change.role !== before.role || change.branchId !== before.branch_id || change.municipalityId !== before.municipality_id;
        if (endedSessions) await c.query('DELETE FROM sessions WHERE user_id = $1', [id]);
        return { account: toAccount(r.rows[0]!), endedSessions };
      });
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
