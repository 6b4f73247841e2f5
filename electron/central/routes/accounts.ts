// Central's account lifecycle, as the hub has it for its staff: list, edit (role, name, enabled),
// reset a password, end sessions, unlock after failed sign-ins, one's own password, the audit log.
// Scoped by role: a platform admin administers every account; a municipality admin the accounts
// of their municipality — any other answers 404, as if it did not exist — and never makes a
// platform admin; the other roles get 403. Every change is audited.
import { z } from 'zod';
import {
  CentralAccount, CentralAuditEntry, CentralAuditQuery, CentralChangePasswordBody, CentralResetPasswordBody, CentralSessionResponse, CentralUserPatchBody,
} from '../../../shared/protocol/central.ts';
import { ApiError } from '../../node-common/http/errors.ts';
import { refuseDelayed } from '../../node-common/sign-in-guard.ts';
import type { AccountChange, CentralPrincipal } from '../auth.ts';
import { ADMINS, type CentralApi, type CentralContext, STAFF, audit } from '../context.ts';

const IdParams = z.object({ id: z.string().min(1).max(64) });

/** A bound of the audit query: a date is a UTC day (`to` inclusive), else an ISO time. */
function bound(value: string | undefined, end: boolean, name: string): Date | null {
  if (value === undefined) return null;
  const ms = value.length === 10 ? Date.parse(`${value}T00:00:00Z`) + (end ? 86_400_000 : 0) : Date.parse(value);
  if (!Number.isFinite(ms)) throw new ApiError('invalid_input', `query.${name}: not a real date or time`);
  return new Date(ms);
}

/** The municipality whose accounts and audit entries the caller reads: null for a platform admin (all of them). */
function municipalityOf(p: CentralPrincipal): string | null {
  if (p.role === 'platform_admin') return null;
  if (p.role !== 'municipality_admin' || !p.municipalityId) throw new ApiError('forbidden', `a ${p.role} may not do this`);
  return p.municipalityId;
}

export function accountRoutes(api: CentralApi, ctx: CentralContext): void {
  const me = (p: unknown) => p as CentralPrincipal;

  /** The account if the caller administers it; else 404, as if it did not exist. */
  async function administered(p: CentralPrincipal, id: string): Promise<CentralAccount> {
    const u = await ctx.auth.account(id);
    const scope = municipalityOf(p);
    if (!u || (scope !== null && u.municipalityId !== scope)) throw new ApiError('not_found', `no user ${id}`);
    return u;
  }

  api.route(
    {
      method: 'GET', url: '/api/v1/users', summary: 'Staff accounts (platform admin: all; municipality admin: their municipality\'s)', access: ADMINS,
      responses: { 200: z.array(CentralAccount) },
    },
    ({ principal }) => ctx.auth.accounts(municipalityOf(me(principal))),
  );

  api.route(
    {
      method: 'POST', url: '/api/v1/users/:id', access: ADMINS, params: IdParams, body: CentralUserPatchBody, responses: { 200: CentralAccount },
      summary: 'Edit an account: role, display name, enabled, a centre manager\'s centre (disabling it or changing its role or centre ends its sessions; not yourself, not the last platform admin)',
    },
    async ({ params, body, principal }) => {
      const p = me(principal);
      const u = await administered(p, params.id);
      const role = body.role ?? u.role;
      if (u.id === p.id && (body.active === false || role !== u.role)) throw new ApiError('conflict', 'you cannot disable your own account or change your own role');
      if (role === 'platform_admin' && role !== u.role && p.role !== 'platform_admin') throw new ApiError('forbidden', 'only a platform admin makes platform admins');
      let change: AccountChange;
      if (role === 'platform_admin') {
        if (body.branchId !== undefined) throw new ApiError('invalid_input', 'body.branchId: a platform admin belongs to no centre');
        change = { role, municipalityId: null, branchId: null };
      } else {
        if (u.role === 'platform_admin' || !u.municipalityId) throw new ApiError('invalid_input', 'body.role: a platform admin belongs to no municipality; add an account in the municipality instead');
        let branchId: string | null = null;
        if (role === 'centre_manager') {
          branchId = body.branchId ?? u.branchId;
          if (!branchId) throw new ApiError('invalid_input', 'body.branchId: a centre manager belongs to one centre');
          const b = await ctx.queries.branch(branchId);
          if (!b || b.municipality_id !== u.municipalityId) throw new ApiError('not_found', `no centre ${branchId} in this account's municipality`);
        } else if (body.branchId !== undefined) throw new ApiError('invalid_input', 'body.branchId: only a centre manager belongs to one centre');
        change = { role, municipalityId: u.municipalityId, branchId };
      }
      const { account, endedSessions } = await ctx.auth.updateUser(u.id, { ...change, displayName: body.displayName, active: body.active });
      await audit(ctx, p.id, 'user.updated', u.id, { ...body, ...(endedSessions ? { sessionsEnded: true } : {}) }, account.municipalityId ?? u.municipalityId);
      return account;
    },
  );

  api.route(
    {
      method: 'POST', url: '/api/v1/users/:id/password', summary: "Set another account's password (its sessions end; your own: POST /api/v1/auth/password)", access: ADMINS,
      params: IdParams, body: CentralResetPasswordBody, responses: { 204: null }, rateLimit: { max: 10, timeWindow: 60_000 },
    },
    async ({ params, body, principal }) => {
      const p = me(principal);
      const u = await administered(p, params.id);
      // A stolen session must not take over its own account: that needs the current password.
      if (u.id === p.id) throw new ApiError('conflict', 'change your own password with POST /api/v1/auth/password (it asks for the current one)');
      await ctx.auth.resetPassword(u, body.password);
      await audit(ctx, p.id, 'user.password_reset', u.id, undefined, u.municipalityId);
      return undefined;
    },
  );

  api.route(
    {
      method: 'POST', url: '/api/v1/users/:id/end-sessions', summary: 'End every session of an account now', access: ADMINS,
      params: IdParams, responses: { 200: z.object({ ended: z.number().int() }) },
    },
    async ({ params, principal }) => {
      const p = me(principal);
      const u = await administered(p, params.id);
      const ended = await ctx.auth.endSessions(u.id);
      await audit(ctx, p.id, 'user.sessions_ended', u.id, { ended }, u.municipalityId);
      return { ended };
    },
  );

  api.route(
    {
      method: 'POST', url: '/api/v1/users/:id/unlock', summary: "Clear the account's failed sign-ins from every address (no attempt waits any more)", access: ADMINS,
      params: IdParams, responses: { 200: z.object({ cleared: z.number().int() }) },
    },
    async ({ params, principal }) => {
      const p = me(principal);
      const u = await administered(p, params.id);
      const cleared = ctx.auth.signIns.unlock(u.username);
      await audit(ctx, p.id, 'user.unlocked', u.id, { cleared }, u.municipalityId);
      return { cleared };
    },
  );

  api.route(
    {
      method: 'POST', url: '/api/v1/auth/password', summary: 'Change your own password (ends all your sessions; returns a new token)', access: STAFF,
      body: CentralChangePasswordBody, responses: { 200: CentralSessionResponse }, rateLimit: { max: 10, timeWindow: 60_000 },
    },
    async ({ body, principal, req, reply }) => {
      const p = me(principal);
      const r = await ctx.auth.changeOwnPassword(p, body.currentPassword, body.newPassword, req.ip, ctx.now());
      if (r.kind === 'delayed') refuseDelayed(reply, r.waitMs);
      if (r.kind === 'wrong') throw new ApiError('forbidden', 'the current password is wrong');
      await audit(ctx, p.id, 'password.changed', p.id);
      return { token: r.token, expiresAt: new Date(r.expiresAt).toISOString() };
    },
  );

  api.route(
    {
      method: 'GET', url: '/api/v1/audit', access: ADMINS, query: CentralAuditQuery, responses: { 200: z.array(CentralAuditEntry) },
      summary: 'The audit log, newest first (platform admin: all; municipality admin: the entries concerning their municipality); filters: actor (id, username or ip:ADDRESS), action (prefix), from/to, limit',
    },
    async ({ query, principal }) => {
      const p = me(principal);
      const from = bound(query.from, false, 'from');
      const to = bound(query.to, query.to?.length === 10, 'to');
      const r = await ctx.pool.query<{ id: string; at: Date; actor: string; actor_name: string | null; action: string; target: string | null; target_name: string | null; detail: unknown; municipality_id: string | null }>(
        `SELECT a.id, a.at, a.actor, ua.username AS actor_name, a.action, a.target, ut.username AS target_name, a.detail, a.municipality_id
           FROM audit a LEFT JOIN users ua ON ua.id = a.actor LEFT JOIN users ut ON ut.id = a.target
          WHERE ($1::text IS NULL OR a.municipality_id = $1)
            AND ($2::text IS NULL OR a.actor = $2 OR ua.username = $2)
            AND ($3::text IS NULL OR starts_with(a.action, $3))
            AND ($4::timestamptz IS NULL OR a.at >= $4)
            AND ($5::timestamptz IS NULL OR a.at ${query.to?.length === 10 ? '<' : '<='} $5)
          ORDER BY a.id DESC LIMIT $6`,
        [municipalityOf(p), query.actor ?? null, query.action ?? null, from, to, query.limit ?? 200],
      );
      return r.rows.map((e) => ({
        id: Number(e.id), at: e.at.toISOString(), actor: e.actor, actorName: e.actor_name, action: e.action, target: e.target, targetName: e.target_name,
        detail: e.detail, municipalityId: e.municipality_id,
      }));
    },
  );
}
