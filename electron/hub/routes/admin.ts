// Administration: services, counters, staff (edit, reset, end sessions, unlock), devices, the audit log; and device health reports.
import { z } from 'zod';
import { Counter, Service, User } from '../../../shared/protocol/entities.ts';
import { AuditQuery, CounterBody, DeviceHealthBody, NewStaffBody, ResetPasswordBody, ServiceBody, StaffPatchBody } from '../../../shared/protocol/http.ts';
import { HallSettings } from '../../../shared/protocol/settings.ts';
import { settingsOf } from '../../../shared/domain/hall-settings.ts';
import { hashPassword } from '../../node-common/passwords.ts';
import { newId } from '../../node-common/tokens.ts';
import { type HubContext, audit, run } from '../context.ts';
import type { Api } from '../http/api.ts';
import { ApiError } from '../../node-common/http/errors.ts';

const ADMIN = ['admin'] as const;
/** The hall's manager sets the hall up too. */
const SETTINGS = ['admin', 'manager'] as const;
const IdParams = z.object({ id: z.string().min(1).max(64) });

export function adminRoutes(api: Api, ctx: HubContext): void {
  const { hall } = ctx;

  api.route({ method: 'GET', url: '/api/v1/admin/services', summary: 'All services, inactive too', access: ADMIN, responses: { 200: z.array(Service) } }, () => [...hall.state.services.values()]);
  api.route(
    { method: 'POST', url: '/api/v1/admin/services', summary: 'Create a service, or update it by id', access: ADMIN, body: ServiceBody, responses: { 200: Service } },
    async ({ body, principal }) => {
      const service = { ...body, id: body.id ?? newId('s') };
      await run(ctx, { type: 'saveService', service }, principal);
      audit(ctx, principal, 'service.saved', service.id, JSON.stringify({ name: service.name }));
      return service;
    },
  );

  api.route({ method: 'GET', url: '/api/v1/admin/counters', summary: 'All counters', access: ADMIN, responses: { 200: z.array(Counter) } }, () => [...hall.state.counters.values()]);
  api.route(
    { method: 'POST', url: '/api/v1/admin/counters', summary: 'Create a counter, or update it by id (number, names, services served)', access: ADMIN, body: CounterBody, responses: { 200: Counter } },
    async ({ body, principal }) => {
      const counter = { ...body, id: body.id ?? newId('c') };
      await run(ctx, { type: 'saveCounter', counter }, principal);
      audit(ctx, principal, 'counter.saved', counter.id, JSON.stringify({ counter: counter.number }));
      return hall.state.counters.get(counter.id);
    },
  );

  api.route({ method: 'GET', url: '/api/v1/admin/staff', summary: 'Staff accounts', access: ADMIN, responses: { 200: z.array(User.extend({ active: z.boolean() })) } }, () => ctx.auth.users());
  api.route(
    { method: 'POST', url: '/api/v1/admin/staff', summary: 'Create a staff account', access: ADMIN, body: NewStaffBody, responses: { 201: User } },
    async ({ body, principal, reply }) => {
      if (ctx.auth.userByName(body.username)) throw new ApiError('conflict', `username ${body.username} is taken`);
      const user = ctx.auth.createUser({ username: body.username, role: body.role, passwordHash: await hashPassword(body.password), ...(body.displayName ? { displayName: body.displayName } : {}) });
      audit(ctx, principal, 'staff.created', user.id, JSON.stringify({ username: user.username, role: user.role }));
      reply.code(201);
      return user;
    },
  );

  const staffUser = (id: string) => {
    const u = ctx.auth.userById(id);
    if (!u) throw new ApiError('not_found', `no staff account ${id}`);
    return u;
  };
  const shown = (id: string) => ctx.auth.users().find((u) => u.id === id)!;

  api.route(
    { method: 'POST', url: '/api/v1/admin/staff/:id', summary: 'Edit a staff account: role, display name, enabled (disabling signs it out everywhere)', access: ADMIN, params: IdParams, body: StaffPatchBody, responses: { 200: User.extend({ active: z.boolean() }) } },
    ({ params, body, principal }) => {
      const user = staffUser(params.id);
      if (user.id === principal.id && (body.active === false || (body.role && body.role !== 'admin'))) throw new ApiError('conflict', 'you cannot disable your own account or take away your own admin role');
      ctx.auth.updateUser(user.id, { ...(body.role ? { role: body.role } : {}), ...(body.displayName !== undefined ? { displayName: body.displayName } : {}) });
      if (body.active !== undefined) ctx.auth.setActive(user.id, body.active);
      audit(ctx, principal, 'staff.updated', user.id, JSON.stringify(body));
      return shown(user.id);
    },
  );
  api.route(
    { method: 'POST', url: '/api/v1/admin/staff/:id/password', summary: "Reset a staff member's password (ends their sessions)", access: ADMIN, params: IdParams, body: ResetPasswordBody, responses: { 204: null } },
    async ({ params, body, principal }) => {
      const user = staffUser(params.id);
      ctx.auth.setPassword(user.id, await hashPassword(body.password));
      // A fresh password starts afresh: no address waits on the old one's failures.
      ctx.auth.signIns.unlock(user.username);
      audit(ctx, principal, 'staff.password-reset', user.id, JSON.stringify({ username: user.username }));
      return undefined;
    },
  );
  api.route(
    {
      method: 'POST', url: '/api/v1/admin/staff/:id/unlock', summary: "Clear the account's failed sign-ins from every address (no attempt waits any more)", access: ADMIN, params: IdParams,
      responses: { 200: z.object({ cleared: z.number().int() }) },
    },
    ({ params, principal }) => {
      const user = staffUser(params.id);
      const cleared = ctx.auth.signIns.unlock(user.username);
      audit(ctx, principal, 'staff.unlocked', user.id, JSON.stringify({ username: user.username, cleared }));
      return { cleared };
    },
  );
  api.route(
    { method: 'POST', url: '/api/v1/admin/staff/:id/end-sessions', summary: "End every session of a staff member now (their open screens are cut off)", access: ADMIN, params: IdParams, responses: { 200: z.object({ ended: z.number().int() }) } },
    ({ params, principal }) => {
      const user = staffUser(params.id);
      const ended = ctx.auth.endSessions(user.id);
      audit(ctx, principal, 'staff.sessions-ended', user.id, JSON.stringify({ username: user.username, ended }));
      return { ended };
    },
  );

  api.route({ method: 'GET', url: '/api/v1/admin/settings', summary: 'The hall settings: names, address, opening hours and holidays, time zone, digits, kiosk reset, routing, recall limit, retention', access: SETTINGS, responses: { 200: HallSettings } }, () =>
    settingsOf(hall.state.branch, hall.state.config),
  );
  api.route(
    { method: 'PUT', url: '/api/v1/admin/settings', summary: 'Replace the hall settings (send back what GET returned, changed); they apply at once, every screen gets them, and the change is audited', access: SETTINGS, body: HallSettings, responses: { 200: HallSettings } },
    async ({ body, principal }) => {
      const before = settingsOf(hall.state.branch, hall.state.config);
      await run(ctx, { type: 'configure', settings: body }, principal);
      const changed = (Object.keys(body) as (keyof HallSettings)[]).filter((k) => JSON.stringify(body[k]) !== JSON.stringify(before[k]));
      audit(ctx, principal, 'settings.saved', 'hall', JSON.stringify({ changed }));
      return settingsOf(hall.state.branch, hall.state.config);
    },
  );

  api.route({ method: 'GET', url: '/api/v1/admin/devices', summary: 'Paired devices', access: ADMIN }, () => ctx.auth.devices());
  api.route(
    { method: 'POST', url: '/api/v1/admin/devices/:id/revoke', summary: "Revoke a device's token", access: ADMIN, params: IdParams, responses: { 204: null } },
    ({ params, principal }) => {
      if (!ctx.auth.revokeDevice(params.id, hall.now())) throw new ApiError('not_found', `no active device ${params.id}`);
      audit(ctx, principal, 'device.revoked', params.id);
      return undefined;
    },
  );

  api.route(
    { method: 'GET', url: '/api/v1/admin/audit', summary: 'The audit log, newest first; filters: actor, action (prefix), from/to (dates or times), limit', access: ['admin', 'manager'], query: AuditQuery },
    ({ query }) => ctx.audit.recent(query),
  );

  api.route(
    { method: 'POST', url: '/api/v1/devices/health', summary: "A station reports a device's health (printer paper, reader unplugged…)", access: ['kiosk', 'display', 'counter', 'admin'], body: DeviceHealthBody, responses: { 204: null } },
    async ({ body, principal }) => {
      await run(ctx, { type: 'deviceHealth', deviceId: principal.id, device: body.device, state: body.state, ...(body.detail ? { detail: body.detail } : {}) }, principal);
      return undefined;
    },
  );
}
