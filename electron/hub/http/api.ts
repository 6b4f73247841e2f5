// The hub's binding of the route wrapper (electron/node-common/http/api.ts): its sign-in is the
// auth store's tokens (staff sessions and paired devices), its roles the hall's.
import type { Role } from '../../../shared/protocol/entities.ts';
import type { AuthStore, Principal } from '../auth/auth-store.ts';
import { type Access, type ApiOf, bearer, checkAccess, createApi as createRouteApi } from '../../node-common/http/api.ts';
import type { FastifyInstance } from 'fastify';
import { createPublicGuards } from '../../node-common/http/public-guards.ts';
import type { Alarms } from '../ops/alarms.ts';

export { bearer };
export type { Access };

const ANONYMOUS: Principal = { id: 'anonymous', role: 'clerk', kind: 'staff', name: 'anonymous' };

export function authorize(auth: AuthStore, token: string | undefined, access: Access<Role>, now: number): Principal {
  if (access === 'public') return ANONYMOUS;
  return checkAccess(token ? auth.principal(token, now) : undefined, Boolean(token), access);
}

/** The hub's API; a public route at its ceiling (public-guards.ts) raises an alarm on the dashboard. */
export const createApi = (app: FastifyInstance, auth: AuthStore, now: () => number, alarms: Alarms, ceilingFactor?: number) =>
  createRouteApi<Role, Principal>(app, (token, access) => authorize(auth, token, access, now()), undefined, createPublicGuards({
    now,
    ...(ceilingFactor ? { ceilingFactor } : {}),
    onCeiling: (route, limit) => alarms.raise('public_ceiling', route, `${route} reached ${limit} requests a minute from everyone together: further requests are refused for the rest of the minute`),
  }));

export type Api = ApiOf<Role, Principal>;
