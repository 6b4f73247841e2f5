// The hub's binding of the route wrapper (electron/node-common/http/api.ts): its sign-in is the
// auth store's tokens (staff sessions and paired devices), its roles the hall's.
import type { Role } from '../../../shared/protocol/entities.ts';
import type { AuthStore, Principal } from '../auth/auth-store.ts';
import { type Access, type ApiOf, bearer, checkAccess, createApi as createRouteApi } from '../../node-common/http/api.ts';
import type { FastifyInstance } from 'fastify';

export { bearer };
export type { Access };

const ANONYMOUS: Principal = { id: 'anonymous', role: 'clerk', kind: 'staff', name: 'anonymous' };

export function authorize(auth: AuthStore, token: string | undefined, access: Access<Role>, now: number): Principal {
  if (access === 'public') return ANONYMOUS;
  return checkAccess(token ? auth.principal(token, now) : undefined, Boolean(token), access);
}

export const createApi = (app: FastifyInstance, auth: AuthStore, now: () => number) =>
  createRouteApi<Role, Principal>(app, (token, access) => authorize(auth, token, access, now()));

export type Api = ApiOf<Role, Principal>;
