// One way to declare a route: method, path, who may call it, and zod schemas for its input and
// output. The wrapper authenticates (deny by default), validates, maps errors, and records the
// declaration so `GET /api/v1/openapi.json` is generated from the same schemas. The hub and
// central each bind it to their own sign-in (`authenticate`) and roles.
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import { z } from 'zod';
import { ErrorBody } from '../../../shared/protocol/http.ts';
import { ApiError } from './errors.ts';
import { createPublicGuards, type PublicGuards } from './public-guards.ts';

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
  /** Error statuses beyond the usual ones this route can answer (401 from a public sign-in: a wrong password, an unknown code). */
  moreErrors?: number[];
  rateLimit?: { max: number; timeWindow: number; keyGenerator?: (req: FastifyRequest) => string };
  /** A public route's requests per minute from all addresses together, when not the guards' default (public-guards.ts). */
  ceiling?: number;
  /** Bytes this route's body may have, below the server's own limit (too large: 400). */
  bodyLimit?: number;
  /**
   * The route takes raw bytes (a file) instead of JSON: the content types it accepts, up to `limit`
   * bytes. The parser is registered for this route alone (an encapsulated context), so no other
   * route, public ones above all, ever reads such a body.
   */
  raw?: { contentTypes: RegExp; limit: number; description: string; mediaType: string };
  /**
   * The path parameter that is a secret key (a booking code, a tracking code): a wrong one (404)
   * spends the caller's guess budget, shared by every such route (public-guards.ts).
   */
  secretParam?: string;
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
/** A raw route's body is its bytes; any other's is what its schema makes of the JSON. */
type BodyOf<S extends RouteSpec> = S['raw'] extends object ? Buffer : Infer<S['body']>;

/** The first problems of a refused input and at most a few hundred characters: a flood of unknown keys must not become a flood of text. */
const MAX_PROBLEMS = 3;
const MAX_MESSAGE = 300;

export function problemsText(error: z.ZodError): string {
  const issues = error.issues.slice(0, MAX_PROBLEMS).map((i) => {
    if (i.code !== 'unrecognized_keys' || i.keys.length <= 3) return i;
    return { ...i, message: `Unrecognized keys: ${i.keys.slice(0, 3).map((k) => JSON.stringify(k.slice(0, 40))).join(', ')} and ${i.keys.length - 3} more` };
  });
  const more = error.issues.length - issues.length;
  const text = z.prettifyError(new z.ZodError(issues)).replace(/\n/g, '; ') + (more > 0 ? `; and ${more} more problem${more === 1 ? '' : 's'}` : '');
  return text.length > MAX_MESSAGE ? `${text.slice(0, MAX_MESSAGE - 1)}…` : text;
}

function parse<T extends z.ZodType>(schema: T, value: unknown, where: string): z.infer<T> {
  const r = schema.safeParse(value ?? {});
  if (!r.success) throw new ApiError('invalid_input', `${where}: ${problemsText(r.error)}`);
  return r.data;
}

/** A JSON object as `JSON.parse` makes one: not an array, a string, a number or a Buffer. */
const isPlainObject = (v: unknown): v is Record<string, unknown> => {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
};

/** The body a route is handed: refused before validation unless it is what the route takes. */
function bodyOf(spec: RouteSpec, body: unknown): unknown {
  if (spec.raw) {
    if (!(body instanceof Buffer)) throw new ApiError('invalid_input', `body: send ${spec.raw.description}`);
    return body;
  }
  if (spec.body && body !== undefined && body !== null && !isPlainObject(body)) throw new ApiError('invalid_input', 'body: send a JSON object (Content-Type: application/json)');
  return body;
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

const PUBLIC_BODY_LIMIT = 64 * 1024;

/** Refuses with 429 and a Retry-After (seconds) when `seconds` is set. */
function refuseFor(reply: FastifyReply, seconds: number | undefined, message: string): void {
  if (seconds === undefined) return;
  reply.header('retry-after', String(seconds));
  throw new ApiError('rate_limited', message);
}

export function createApi<Role extends string, Principal>(
  app: FastifyInstance,
  authenticate: (token: string | undefined, access: Access<Role>, req: FastifyRequest) => Principal | Promise<Principal>,
  title = 'Dawr hub API',
  guards: PublicGuards = createPublicGuards(),
) {
  const specs: RouteSpec<Role>[] = [];

  function route<S extends RouteSpec<Role>>(
    spec: S,
    handler: (call: Call<BodyOf<S>, Infer<S['params']>, Infer<S['query']>, Principal>) => unknown | Promise<unknown>,
  ): void {
    specs.push(spec);
    // Who calls is settled when the request arrives, before its body is read: a stranger's body
    // for a route they may not call is never parsed.
    const principals = new WeakMap<FastifyRequest, Principal>();
    const routeKey = `${spec.method} ${spec.url}`;
    const ceiling = spec.access === 'public' ? (spec.ceiling ?? guards.ceilingOf(spec.rateLimit ? (spec.rateLimit.max * 60_000) / spec.rateLimit.timeWindow : undefined)) : undefined;
    const options: RouteOptions = {
      method: spec.method,
      url: spec.url,
      ...(spec.rateLimit ? { config: { rateLimit: spec.rateLimit } } : {}),
      // A public route reads at most 64 KB whatever the server allows its signed-in callers (central: 4 MB pushes).
      ...(spec.bodyLimit || spec.raw || spec.access === 'public' ? { bodyLimit: spec.raw?.limit ?? spec.bodyLimit ?? PUBLIC_BODY_LIMIT } : {}),
      onRequest: async (req, reply) => {
        if (ceiling !== undefined) refuseFor(reply, guards.overCeiling(routeKey, ceiling), 'this page is very busy right now: try again in a minute');
        if (spec.secretParam) refuseFor(reply, guards.guessesSpent(req.ip), 'too many wrong codes from this address: wait a few minutes');
        principals.set(req, await authenticate(bearer(req), spec.access, req));
      },
      handler: async (req, reply) => {
        const principal = principals.get(req)!;
        const body = bodyOf(spec, req.body);
        const call = {
          principal,
          req,
          reply,
          body: (spec.body ? parse(spec.body, body, 'body') : spec.raw ? body : undefined) as BodyOf<S>,
          params: (spec.params ? parse(spec.params, req.params, 'path') : undefined) as Infer<S['params']>,
          query: (spec.query ? parse(spec.query, req.query, 'query') : undefined) as Infer<S['query']>,
        };
        let result: unknown;
        try {
          result = await handler(call);
        } catch (err) {
          if (spec.secretParam && err instanceof ApiError && err.code === 'not_found') guards.missed(req.ip);
          throw err;
        }
        if (reply.sent) return reply;
        if (result === undefined) return reply.code(204).send();
        return reply.send(result);
      },
    };
    if (!spec.raw) {
      app.route(options);
      return;
    }
    const raw = spec.raw;
    void app.register(async (scope) => {
      scope.addContentTypeParser(raw.contentTypes, { parseAs: 'buffer', bodyLimit: raw.limit }, (_req, bytes, done) => done(null, bytes));
      scope.route(options);
    });
  }

  // Built once per version: generating it costs ~100 ms, and anyone may ask for it.
  const described = new Map<string, object>();
  function openapi(version: string): object {
    let doc = described.get(version);
    if (!doc) described.set(version, (doc = describe(version)));
    return doc;
  }

  function describe(version: string): object {
    const paths: Record<string, Record<string, unknown>> = {};
    const json = (s: z.ZodType) => z.toJSONSchema(s, { unrepresentable: 'any', io: 'input' });
    for (const s of specs) {
      const path = s.url.replace(/:([A-Za-z]+)/g, '{$1}');
      // A path parameter keeps its schema (an enum of report names, a pattern), as the query's do.
      const shape = (s.params?.shape ?? {}) as Record<string, z.ZodType>;
      const params = [...s.url.matchAll(/:([A-Za-z]+)/g)].map((m) => ({ name: m[1]!, in: 'path', required: true, schema: shape[m[1]!] ? json(shape[m[1]!]!) : { type: 'string' } }));
      const query = s.query ? Object.entries(s.query.shape).map(([name, schema]) => ({ name, in: 'query', required: false, schema: json(schema as z.ZodType) })) : [];
      const responses: Record<string, unknown> = {};
      for (const [code, schema] of Object.entries(s.responses ?? { 200: null })) {
        responses[code] = { description: Number(code) === 204 ? 'no content' : Number(code) === 304 ? 'not modified (If-None-Match matched the ETag)' : 'ok', ...(schema ? { content: { 'application/json': { schema: json(schema) } } } : {}) };
      }
      if (s.files) {
        const ok = (responses['200'] ??= { description: 'ok' }) as { content?: Record<string, unknown> };
        ok.content = { ...ok.content, ...Object.fromEntries(Object.entries(s.files).map(([type, description]) => [type, { schema: { type: 'string', format: 'binary', description } }])) };
      }
      // Every route can be refused (400, 404, 409), limited (429), fail (500) or find the hall unable
      // to write (503: the disk full); a signed-in one also 401/403; a route's own in moreErrors.
      const errors = [...(s.access === 'public' ? [400, 404, 409, 429, 500, 503] : [400, 401, 403, 404, 409, 429, 500, 503]), ...(s.moreErrors ?? [])];
      for (const code of errors) responses[String(code)] ??= { description: 'error', content: { 'application/json': { schema: json(ErrorBody) } } };
      (paths[path] ??= {})[s.method.toLowerCase()] = {
        summary: s.summary,
        'x-access': s.access,
        ...(s.access === 'public' ? { security: [] } : {}),
        parameters: [...params, ...query],
        ...(s.body ? { requestBody: { required: true, content: { 'application/json': { schema: json(s.body) } } } } : {}),
        ...(s.raw ? { requestBody: { required: true, description: s.raw.description, content: { [s.raw.mediaType]: { schema: { type: 'string', format: 'binary' } } } } } : {}),
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
