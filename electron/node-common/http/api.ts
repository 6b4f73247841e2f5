// One way to declare a route: method, path, who may call it, and zod schemas for its input and
// output. The wrapper authenticates (deny by default), validates, maps errors, and records the
// declaration so `GET /api/v1/openapi.json` is generated from the same schemas. The hub and
// central each bind it to their own sign-in (`authenticate`) and roles.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ErrorBody } from '../../../shared/protocol/http.ts';
import { ApiError } from './errors.ts';

export type Access<Role extends string = string> = 'public' | 'signed-in' | readonly Role[];

export interface RouteSpec<Role extends string = string> {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  url: string;
  summary: string;
  access: Access<Role>;
  body?: z.ZodType;
  params?: z.ZodObject;
  query?: z.ZodObject;
  /** Response schema per status code. */
  responses?: Record<number, z.ZodType | null>;
  /** Other media types the 200 answer can take (files: CSV, XLSX, PDF…), as `{ type: description }`. */
  files?: Record<string, string>;
  /** Error statuses beyond the usual ones this route can answer (503 when a part is missing). */
  moreErrors?: number[];
  rateLimit?: { max: number; timeWindow: number; keyGenerator?: (req: FastifyRequest) => string };
  /** Bytes this route's body may have, below the server's own limit (too large: 400). */
  bodyLimit?: number;
}

export interface Call<B, P, Q, Principal> {
  body: B;
  params: P;
  query: Q;
  principal: Principal;
  req: FastifyRequest;
  reply: FastifyReply;
}

type Infer<T> = T extends z.ZodType ? z.infer<T> : undefined;

function parse<T extends z.ZodType>(schema: T, value: unknown, where: string): z.infer<T> {
  const r = schema.safeParse(value ?? {});
  if (!r.success) throw new ApiError('invalid_input', `${where}: ${z.prettifyError(r.error).replace(/\n/g, '; ')}`);
  return r.data;
}

export function bearer(req: FastifyRequest): string | undefined {
  const h = req.headers.authorization;
  if (h?.startsWith('Bearer ')) return h.slice(7).trim() || undefined;
  return undefined;
}

/** The caller of a route: who they are and their role; `authenticate` throws 401/403 as `ApiError`s. */
export function checkAccess<Role extends string, P extends { role: Role }>(principal: P | undefined, hadToken: boolean, access: Access<Role>): P {
  if (!principal) throw new ApiError('unauthorized', hadToken ? 'the token is unknown, expired or revoked' : 'sign in first: Authorization: Bearer <token>');
  if (access !== 'signed-in' && access !== 'public' && !access.includes(principal.role)) throw new ApiError('forbidden', `a ${principal.role} may not do this`);
  return principal;
}

export function createApi<Role extends string, Principal>(
  app: FastifyInstance,
  authenticate: (token: string | undefined, access: Access<Role>, req: FastifyRequest) => Principal | Promise<Principal>,
  title = 'Dawr hub API',
) {
  const specs: RouteSpec<Role>[] = [];

  function route<S extends RouteSpec<Role>>(
    spec: S,
    handler: (call: Call<Infer<S['body']>, Infer<S['params']>, Infer<S['query']>, Principal>) => unknown | Promise<unknown>,
  ): void {
    specs.push(spec);
    app.route({
      method: spec.method,
      url: spec.url,
      ...(spec.rateLimit ? { config: { rateLimit: spec.rateLimit } } : {}),
      ...(spec.bodyLimit ? { bodyLimit: spec.bodyLimit } : {}),
      handler: async (req, reply) => {
        const principal = await authenticate(bearer(req), spec.access, req);
        const call = {
          principal,
          req,
          reply,
          body: (spec.body ? parse(spec.body, req.body, 'body') : undefined) as Infer<S['body']>,
          params: (spec.params ? parse(spec.params, req.params, 'path') : undefined) as Infer<S['params']>,
          query: (spec.query ? parse(spec.query, req.query, 'query') : undefined) as Infer<S['query']>,
        };
        const result = await handler(call);
        if (reply.sent) return reply;
        if (result === undefined) return reply.code(204).send();
        return reply.send(result);
      },
    });
  }

  function openapi(version: string): object {
    const paths: Record<string, Record<string, unknown>> = {};
    const json = (s: z.ZodType) => z.toJSONSchema(s, { unrepresentable: 'any', io: 'input' });
    for (const s of specs) {
      const path = s.url.replace(/:([A-Za-z]+)/g, '{$1}');
      const params = [...s.url.matchAll(/:([A-Za-z]+)/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } }));
      const query = s.query ? Object.entries(s.query.shape).map(([name, schema]) => ({ name, in: 'query', required: false, schema: json(schema as z.ZodType) })) : [];
      const responses: Record<string, unknown> = {};
      for (const [code, schema] of Object.entries(s.responses ?? { 200: null })) {
        responses[code] = { description: Number(code) === 204 ? 'no content' : 'ok', ...(schema ? { content: { 'application/json': { schema: json(schema) } } } : {}) };
      }
      if (s.files) {
        const ok = (responses['200'] ??= { description: 'ok' }) as { content?: Record<string, unknown> };
        ok.content = { ...ok.content, ...Object.fromEntries(Object.entries(s.files).map(([type, description]) => [type, { schema: { type: 'string', format: 'binary', description } }])) };
      }
      const errors = [...(s.access === 'public' ? [400, 404, 409, 429] : [400, 401, 403, 404, 409, 429]), ...(s.moreErrors ?? [])];
      for (const code of errors) responses[String(code)] ??= { description: 'error', content: { 'application/json': { schema: json(ErrorBody) } } };
      (paths[path] ??= {})[s.method.toLowerCase()] = {
        summary: s.summary,
        'x-access': s.access,
        ...(s.access === 'public' ? { security: [] } : {}),
        parameters: [...params, ...query],
        ...(s.body ? { requestBody: { required: true, content: { 'application/json': { schema: json(s.body) } } } } : {}),
        responses,
      };
    }
    return {
      openapi: '3.1.0',
      info: { title, version },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
      paths,
    };
  }

  return { route, openapi, specs };
}

export type ApiOf<Role extends string, Principal> = ReturnType<typeof createApi<Role, Principal>>;
