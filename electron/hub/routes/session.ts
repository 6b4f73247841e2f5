// Health, staff sign-in, device pairing and the OpenAPI description.
import { z } from 'zod';
import { ChangePasswordBody, Health, LoginBody, LoginResponse, PairBody, PairingCodeBody, PairingCodeResponse, PairResponse } from '../../../shared/protocol/http.ts';
import { DUMMY_HASH, hashPassword, verifyPassword } from '../../node-common/passwords.ts';
import { type HubContext, audit } from '../context.ts';
import { type Api, bearer } from '../http/api.ts';
import { ApiError } from '../../node-common/http/errors.ts';
import { refuseDelayed } from '../../node-common/sign-in-guard.ts';

export function sessionRoutes(api: Api, ctx: HubContext): void {
  api.route({ method: 'GET', url: '/api/health', summary: 'Liveness', access: 'public', responses: { 200: Health } }, () => ({ status: 'ok', version: ctx.version }));

  api.route({ method: 'GET', url: '/api/v1/openapi.json', summary: 'This description', access: 'public' }, () => api.openapi(ctx.version));

  api.route(
    {
      method: 'POST', url: '/api/v1/auth/login', summary: 'Staff sign-in', access: 'public', body: LoginBody, responses: { 200: LoginResponse }, moreErrors: [401],
      rateLimit: { max: 10, timeWindow: 60_000 },
    },
    async ({ body, req, reply }) => {
      const now = ctx.hall.now();
      // Failed sign-ins slow down the address they come from, not the account: the owner elsewhere gets in at once.
      const wait = ctx.auth.signIns.waitMs(body.username, req.ip, now);
      if (wait > 0) refuseDelayed(reply, wait);
      const user = ctx.auth.userByName(body.username);
      // Always spend the same work, so the answer's timing does not reveal which usernames exist.
      const good = await verifyPassword(body.password, user?.passwordHash ?? DUMMY_HASH);
      if (!user || !good || !user.active) {
        ctx.auth.signIns.failed(body.username, req.ip, now);
        ctx.audit.record({ at: new Date(now).toISOString(), actor: `ip:${req.ip}`, action: 'login.failed', target: body.username.slice(0, 64) });
        throw new ApiError('unauthorized', 'wrong username or password');
      }
      ctx.auth.signIns.succeeded(body.username, req.ip);
      const session = ctx.auth.createSession(user.id, now);
      audit(ctx, { id: user.id, role: user.role, kind: 'staff', name: user.username }, 'login');
      return {
        token: session.token,
        expiresAt: new Date(session.expiresAt).toISOString(),
        user: { id: user.id, username: user.username, role: user.role, ...(user.displayName ? { displayName: user.displayName } : {}) },
      };
    },
  );

  api.route(
    {
      method: 'POST', url: '/api/v1/auth/password', summary: 'Change your own password (ends your other sessions; returns a new token)',
      access: ['admin', 'manager', 'supervisor', 'clerk'], body: ChangePasswordBody, responses: { 200: LoginResponse.pick({ token: true, expiresAt: true }) },
      rateLimit: { max: 10, timeWindow: 60_000 },
    },
    async ({ body, principal, req, reply }) => {
      const user = ctx.auth.userById(principal.id);
      if (!user) throw new ApiError('forbidden', 'the current password is wrong');
      // A wrong current password is a failed sign-in too (a stolen session must not guess it freely).
      const wait = ctx.auth.signIns.waitMs(user.username, req.ip, ctx.hall.now());
      if (wait > 0) refuseDelayed(reply, wait);
      if (!(await verifyPassword(body.currentPassword, user.passwordHash))) {
        ctx.auth.signIns.failed(user.username, req.ip, ctx.hall.now());
        throw new ApiError('forbidden', 'the current password is wrong');
      }
      ctx.auth.signIns.succeeded(user.username, req.ip);
      ctx.auth.setPassword(user.id, await hashPassword(body.newPassword));
      audit(ctx, principal, 'password.changed', user.id);
      const session = ctx.auth.createSession(user.id, ctx.hall.now());
      return { token: session.token, expiresAt: new Date(session.expiresAt).toISOString() };
    },
  );

  api.route(
    { method: 'POST', url: '/api/v1/auth/logout', summary: 'Sign out: this session ends on the hub and its open streams close', access: ['admin', 'manager', 'supervisor', 'clerk'], responses: { 204: null } },
    ({ req, principal }) => {
      ctx.auth.endSession(bearer(req)!);
      audit(ctx, principal, 'logout');
      return undefined;
    },
  );

  api.route(
    { method: 'POST', url: '/api/v1/devices/pairing-codes', summary: 'One-time pairing code for a new device', access: ['admin'], body: PairingCodeBody, responses: { 201: PairingCodeResponse } },
    ({ body, principal, reply }) => {
      const code = ctx.auth.createPairingCode(body.role, principal.id, ctx.hall.now());
      audit(ctx, principal, 'device.pairing-code', undefined, JSON.stringify({ role: body.role }));
      reply.code(201);
      return { code: code.code, expiresAt: new Date(code.expiresAt).toISOString() };
    },
  );

  api.route(
    {
      method: 'POST', url: '/api/v1/devices/pair', summary: 'Exchange a pairing code for a device token', access: 'public', moreErrors: [401], body: PairBody, responses: { 201: PairResponse },
      rateLimit: { max: 10, timeWindow: 60_000 },
    },
    ({ body, reply }) => {
      const paired = ctx.auth.pair(body.code, body.name, ctx.hall.now());
      if (!paired) throw new ApiError('unauthorized', 'the pairing code is unknown, used or expired');
      ctx.audit.record({ at: new Date(ctx.hall.now()).toISOString(), actor: `device:${body.name}`, action: 'device.paired', target: paired.deviceId, detail: paired.role });
      reply.code(201);
      return paired;
    },
  );

  api.route(
    {
      method: 'GET', url: '/api/v1/devices/identity-key',
      summary: "The hub's public identity key: stations seal ID readings to it (RSA-OAEP-SHA256); only the hub opens them and makes the pseudonym",
      access: ['kiosk', 'counter', 'admin'], responses: { 200: z.object({ publicKey: z.string(), algorithm: z.literal('RSA-OAEP-SHA256') }) },
    },
    () => ({ publicKey: ctx.identityKey.publicKey, algorithm: 'RSA-OAEP-SHA256' as const }),
  );

  api.route({ method: 'GET', url: '/api/v1/me', summary: 'Who this token belongs to', access: 'signed-in', responses: { 200: z.object({ id: z.string(), role: z.string(), kind: z.string(), name: z.string() }) } }, ({ principal }) => principal);
}
