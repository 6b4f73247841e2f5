// Central's staff routes (sign-in, municipalities, centres, enrolment, staff, catalogue,
// dashboards) and the public league table. Every read is limited to what the caller may see
// (auth.ts: a platform admin everything, municipality staff their municipality, a centre manager
// their centre); another municipality's centre answers 404, as if it did not exist.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { addDays } from '../../../shared/domain/business-day.ts';
import {
  Centre, CentreBody, CentralLoginResponse, CentralUser, CompareResponse, CreateMunicipalityBody, CreateUserBody, DashboardResponse, DaySummary,
  EnrolmentCode, LeagueResponse, Municipality, PeriodQuery,
} from '../../../shared/protocol/central.ts';
import { Health, LoginBody } from '../../../shared/protocol/http.ts';
import { Catalogue, DayString, PutCatalogueBody } from '../../../shared/protocol/sync.ts';
import { csvText } from '../../../shared/reports/csv.ts';
import { ApiError } from '../../node-common/http/errors.ts';
import { bearer } from '../../node-common/http/api.ts';
import { refuseDelayed } from '../../node-common/sign-in-guard.ts';
import { hashToken, newId, newPairingCode } from '../../node-common/tokens.ts';
import { type CentralPrincipal, canAdminister, canSeeBranch, canSeeMunicipality } from '../auth.ts';
import { ADMINS, type CentralApi, type CentralContext, STAFF, audit } from '../context.ts';
import type { Scope } from '../queries.ts';
import { type CachedBody, type LeagueEntry, acceptsGzip, etagMatches, leagueSettleMs, leagueToday } from '../league-cache.ts';

const ENROL_CODE_MS = 24 * 3600_000;
const MAX_PERIOD_DAYS = 366;
/**
 * Requests a minute the public league answers from all addresses together (each address: 60). It
 * answers from its cache, so its ceiling is ten times the public routes' usual 100 × the per-address
 * rate: a crowd that arrives through one proxy still gets the table (docs/benchmarks.md: the crowd).
 */
const LEAGUE_CEILING = 60_000;

export async function catalogueOf(ctx: CentralContext, municipalityId: string) {
  const r = await ctx.pool.query<{ version: number; services: Catalogue['services'] }>('SELECT version, services FROM catalogue WHERE municipality_id = $1', [municipalityId]);
  return { municipalityId, version: r.rows[0]?.version ?? 0, services: r.rows[0]?.services ?? [] };
}

/** The caller's scope, narrowed to `municipality` if given (and allowed). */
function scopeOf(p: CentralPrincipal, municipality?: string): Scope {
  if (municipality && !canSeeMunicipality(p, municipality)) throw new ApiError('not_found', `no municipality ${municipality}`);
  if (p.role === 'platform_admin') return { municipalityId: municipality ?? null };
  if (p.role === 'centre_manager') return { municipalityId: p.municipalityId, branchId: p.branchId };
  return { municipalityId: p.municipalityId };
}

function period(from: string, to: string): void {
  if (from > to) throw new ApiError('invalid_input', `from (${from}) is after to (${to})`);
  const days = (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000;
  if (!Number.isFinite(days)) throw new ApiError('invalid_input', 'from and to must be real days');
  if (days >= MAX_PERIOD_DAYS) throw new ApiError('invalid_input', `a period is at most ${MAX_PERIOD_DAYS} days`);
}

async function visibleBranch(ctx: CentralContext, p: CentralPrincipal, id: string) {
  const b = await ctx.queries.branch(id);
  if (!b || !canSeeBranch(p, { id: b.id, municipalityId: b.municipality_id })) throw new ApiError('not_found', `no centre ${id}`);
  return b;
}

export function staffRoutes(api: CentralApi, ctx: CentralContext): void {
  const me = (p: unknown) => p as CentralPrincipal;

  api.route({ method: 'GET', url: '/api/health', summary: 'Liveness', access: 'public', responses: { 200: Health } }, () => ({ status: 'ok', version: ctx.version }));
  api.route({ method: 'GET', url: '/api/v1/openapi.json', summary: 'This description', access: 'public' }, () => api.openapi(ctx.version));

  api.route(
    { method: 'POST', url: '/api/v1/auth/login', summary: 'Staff sign-in', access: 'public', moreErrors: [401], body: LoginBody, responses: { 200: CentralLoginResponse }, rateLimit: { max: 10, timeWindow: 60_000 } },
    async ({ body, req, reply }) => {
      // Failed sign-ins slow down the address they come from, not the account: the owner elsewhere gets in at once.
      const s = await ctx.auth.signIn(body.username, body.password, req.ip, ctx.now());
      if (s.kind === 'delayed') refuseDelayed(reply, s.waitMs);
      if (s.kind === 'failed') {
        // The account when there is one (its municipality's admins see the attempt), else the name tried.
        await audit(ctx, `ip:${req.ip}`, 'login.failed', s.user?.id ?? null, { address: req.ip, ...(s.user ? {} : { username: body.username.slice(0, 64) }) }, s.user?.municipalityId ?? null);
        throw new ApiError('unauthorized', 'wrong username or password');
      }
      await audit(ctx, s.user.id, 'login', null);
      return { token: s.token, expiresAt: new Date(s.expiresAt).toISOString(), user: s.user };
    },
  );
  api.route({ method: 'POST', url: '/api/v1/auth/logout', summary: 'Sign out (ends this session)', access: STAFF }, async ({ req, principal }) => {
    await ctx.auth.signOut(bearer(req)!);
    await audit(ctx, principal.id, 'logout', null);
  });
  api.route({ method: 'GET', url: '/api/v1/me', summary: 'Who is signed in', access: STAFF, responses: { 200: CentralUser } }, ({ principal }) => me(principal));

  // --- municipalities and staff ---------------------------------------------------------------
  api.route({ method: 'GET', url: '/api/v1/municipalities', summary: 'Municipalities the caller may see', access: STAFF, responses: { 200: z.array(Municipality) } },
    ({ principal }) => ctx.queries.municipalities(scopeOf(me(principal))));
  api.route(
    { method: 'POST', url: '/api/v1/municipalities', summary: 'Add a municipality (platform admin)', access: ['platform_admin'], body: CreateMunicipalityBody, responses: { 201: Municipality } },
    async ({ body, principal, reply }) => {
      const r = await ctx.pool.query('INSERT INTO municipalities (id, name_ar, name_en) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [body.id, body.name.ar, body.name.en]);
      if (r.rowCount === 0) throw new ApiError('conflict', `a municipality ${body.id} exists`);
      await audit(ctx, principal.id, 'municipality.created', body.id, undefined, body.id);
      return reply.code(201).send(body);
    },
  );
  api.route(
    { method: 'POST', url: '/api/v1/users', summary: 'Add a staff account (platform admin anywhere; municipality admin in their municipality)', access: ADMINS, body: CreateUserBody, responses: { 201: CentralUser } },
    async ({ body, principal, reply }) => {
      const p = me(principal);
      if (body.role === 'platform_admin' && p.role !== 'platform_admin') throw new ApiError('forbidden', 'only a platform admin adds platform admins');
      let municipalityId = body.role === 'platform_admin' ? null : (body.municipalityId ?? p.municipalityId);
      if (body.role === 'centre_manager') {
        if (!body.branchId) throw new ApiError('invalid_input', 'body.branchId: a centre manager belongs to one centre');
        const b = await visibleBranch(ctx, p, body.branchId);
        municipalityId = b.municipality_id;
      } else if (body.branchId) throw new ApiError('invalid_input', 'body.branchId: only a centre manager belongs to one centre');
      if (body.role !== 'platform_admin' && (!municipalityId || !canAdminister(p, municipalityId))) throw new ApiError('forbidden', 'you may add staff only to your own municipality');
      if (municipalityId && (await ctx.queries.municipalities({ municipalityId })).length === 0) throw new ApiError('not_found', `no municipality ${municipalityId}`);
      const u = await ctx.auth.createUser({ ...body, municipalityId, branchId: body.role === 'centre_manager' ? body.branchId : null });
      await audit(ctx, p.id, 'user.created', u.id, { role: u.role }, u.municipalityId);
      return reply.code(201).send(u);
    },
  );

  // --- centres and enrolment --------------------------------------------------------------------
  api.route({ method: 'GET', url: '/api/v1/branches', summary: 'Centres the caller may see', access: STAFF, responses: { 200: z.array(Centre) } },
    ({ principal }) => ctx.queries.centres(scopeOf(me(principal))));
  api.route(
    { method: 'POST', url: '/api/v1/branches', summary: 'Add a centre to a municipality', access: ADMINS, body: CentreBody, responses: { 201: Centre } },
    async ({ body, principal, reply }) => {
      if (!canAdminister(me(principal), body.municipalityId)) throw new ApiError('forbidden', 'you may add centres only to your own municipality');
      if ((await ctx.queries.municipalities({ municipalityId: body.municipalityId })).length === 0) throw new ApiError('not_found', `no municipality ${body.municipalityId}`);
      const id = newId('br');
      await ctx.pool.query('INSERT INTO branches (id, municipality_id, name_ar, name_en, district_ar, district_en) VALUES ($1, $2, $3, $4, $5, $6)', [id, body.municipalityId, body.name.ar, body.name.en, body.district.ar, body.district.en]);
      await audit(ctx, principal.id, 'branch.created', id, undefined, body.municipalityId);
      return reply.code(201).send((await ctx.queries.centres({ branchId: id }))[0]);
    },
  );
  api.route(
    {
      method: 'POST', url: '/api/v1/branches/:id/enrolment', summary: 'A one-time enrolment code for the centre\'s hall (valid 24 h; a new code replaces the old)', access: ADMINS,
      params: z.object({ id: z.string() }), responses: { 200: EnrolmentCode },
    },
    async ({ params, principal }) => {
      const b = await visibleBranch(ctx, me(principal), params.id);
      if (!canAdminister(me(principal), b.municipality_id)) throw new ApiError('forbidden', 'only an admin of this municipality enrols its halls');
      if (b.revoked_at) throw new ApiError('conflict', 'this centre was revoked');
      const code = newPairingCode();
      const expiresAt = new Date(ctx.now() + ENROL_CODE_MS);
      await ctx.pool.query('UPDATE branches SET enrol_code_hash = $2, enrol_expires_at = $3 WHERE id = $1', [b.id, hashToken(code), expiresAt]);
      await audit(ctx, principal.id, 'branch.enrolment_code', b.id, undefined, b.municipality_id);
      return { branchId: b.id, code, expiresAt: expiresAt.toISOString() };
    },
  );
  api.route(
    { method: 'POST', url: '/api/v1/branches/:id/revoke', summary: "Revoke the centre's hall credential (its pushes are refused from now on)", access: ADMINS, params: z.object({ id: z.string() }), responses: { 204: null } },
    async ({ params, principal }) => {
      const b = await visibleBranch(ctx, me(principal), params.id);
      if (!canAdminister(me(principal), b.municipality_id)) throw new ApiError('forbidden', 'only an admin of this municipality revokes its halls');
      await ctx.pool.query('UPDATE branches SET revoked_at = now(), credential_hash = NULL, enrol_code_hash = NULL WHERE id = $1', [b.id]);
      await audit(ctx, principal.id, 'branch.revoked', b.id, undefined, b.municipality_id);
    },
  );

  // --- catalogue ------------------------------------------------------------------------------
  api.route(
    { method: 'GET', url: '/api/v1/municipalities/:id/catalogue', summary: "The municipality's services, pushed to its centres", access: STAFF, params: z.object({ id: z.string() }), responses: { 200: Catalogue } },
    async ({ params, principal }) => {
      if (!canSeeMunicipality(me(principal), params.id)) throw new ApiError('not_found', `no municipality ${params.id}`);
      return catalogueOf(ctx, params.id);
    },
  );
  api.route(
    {
      method: 'PUT', url: '/api/v1/municipalities/:id/catalogue', summary: 'Replace the catalogue (the halls apply it at their next sync)', access: ADMINS,
      params: z.object({ id: z.string() }), body: PutCatalogueBody, responses: { 200: Catalogue },
    },
    async ({ params, body, principal }) => {
      if (!canAdminister(me(principal), params.id)) throw new ApiError('forbidden', 'you may change only your own municipality\'s catalogue');
      const ids = new Set<string>();
      const prefixes = new Set<string>();
      for (const s of body.services) {
        if (ids.has(s.id)) throw new ApiError('invalid_input', `body.services: ${s.id} is listed twice`);
        if (prefixes.has(s.prefix)) throw new ApiError('invalid_input', `body.services: prefix ${s.prefix} is used twice`);
        ids.add(s.id);
        prefixes.add(s.prefix);
      }
      await ctx.pool.query(
        `INSERT INTO catalogue (municipality_id, version, services) VALUES ($1, 1, $2)
         ON CONFLICT (municipality_id) DO UPDATE SET version = catalogue.version + 1, services = excluded.services, updated_at = now()`,
        [params.id, JSON.stringify(body.services)],
      );
      await audit(ctx, principal.id, 'catalogue.saved', params.id, { services: body.services.length }, params.id);
      return catalogueOf(ctx, params.id);
    },
  );

  // --- dashboards -----------------------------------------------------------------------------
  api.route(
    {
      method: 'GET', url: '/api/v1/dashboard', summary: 'Every centre the caller may see, live', access: STAFF,
      query: z.object({ municipality: z.string().optional() }).strict(), responses: { 200: DashboardResponse },
    },
    async ({ query, principal }) => {
      const scope = scopeOf(me(principal), query.municipality);
      const now = ctx.now();
      return { at: new Date(now).toISOString(), municipalities: await ctx.queries.municipalities(scope), centres: await ctx.queries.live(scope, now) };
    },
  );
  api.route(
    { method: 'GET', url: '/api/v1/compare', summary: 'Centres compared day by day over a period', access: STAFF, query: PeriodQuery, responses: { 200: CompareResponse } },
    async ({ query, principal }) => {
      period(query.from, query.to);
      return ctx.queries.compare(scopeOf(me(principal), query.municipality), query.from, query.to, ctx.now());
    },
  );
  api.route(
    {
      method: 'GET', url: '/api/v1/branches/:id/days/:day', summary: "A centre's day from its replicated events: issued, served, no-show, cancelled, mean wait; and service by service", access: STAFF,
      params: z.object({ id: z.string(), day: DayString }), responses: { 200: DaySummary },
    },
    async ({ params, principal }) => {
      const b = await visibleBranch(ctx, me(principal), params.id);
      return ctx.queries.daySummary(b.id, b.time_zone, params.day, ctx.now());
    },
  );

  // --- the public league table ------------------------------------------------------------------
  // From a cache that a changed roll-up of the period retires (league-cache.ts); with an ETag, so a
  // browser or a municipal website's proxy asks again with If-None-Match and gets 304, and with
  // Cache-Control: public for a period that has ended (5 minutes: a hall back from a day offline
  // still changes it), 30 s for one that includes today.
  const leagueQuery = z.object({ from: DayString.optional(), to: DayString.optional(), municipality: z.string().optional() }).strict();
  const leagueOf = async (q: z.infer<typeof leagueQuery>) => {
    const today = leagueToday(ctx.now());
    const to = q.to ?? today;
    const from = q.from ?? addDays(to, -29);
    period(from, to);
    // A period that reaches yesterday or today may still change (today every second while halls
    // push): cached by others for 30 s, recomputed here at most every 10 s.
    const settleMs = leagueSettleMs(to, today);
    return { entry: await ctx.leagues.get(from, to, q.municipality, { settleMs }), maxAge: settleMs ? 30 : 300 };
  };
  /**
   * Sends a cached answer, gzipped for a client that accepts it, or 304 when the client already
   * holds it. The gzipped answer's ETag is the same tag marked weak (as nginx does): the same
   * table, another encoding, and either one sent back revalidates.
   */
  const cached = (req: FastifyRequest, reply: FastifyReply, entry: LeagueEntry, x: CachedBody, maxAge: number, type: string, disposition?: string) => {
    const gzip = acceptsGzip(req.headers['accept-encoding']);
    reply.header('etag', gzip ? `W/${x.etag}` : x.etag).header('cache-control', `public, max-age=${maxAge}`).header('vary', 'accept-encoding');
    if (etagMatches(req.headers['if-none-match'], x.etag)) return reply.code(304).send();
    if (disposition) reply.header('content-disposition', disposition);
    reply.header('content-type', type);
    return gzip ? reply.header('content-encoding', 'gzip').send(ctx.leagues.gzip(entry, x)) : reply.send(x.body);
  };
  api.route(
    { method: 'GET', url: '/api/v1/public/municipalities', summary: 'The municipalities on the platform (for the league page)', access: 'public', responses: { 200: z.array(Municipality) }, rateLimit: { max: 120, timeWindow: 60_000 } },
    () => ctx.queries.municipalities({}),
  );
  api.route(
    {
      method: 'GET', url: '/api/v1/public/league',
      summary: 'The league table of centres (default: the last 30 days, every centre of the platform); with an ETag (If-None-Match: 304) and Cache-Control: public',
      access: 'public', query: leagueQuery, responses: { 200: LeagueResponse, 304: null }, rateLimit: { max: 60, timeWindow: 60_000 }, ceiling: LEAGUE_CEILING,
    },
    async ({ query, req, reply }) => {
      const { entry, maxAge } = await leagueOf(query);
      return cached(req, reply, entry, entry, maxAge, 'application/json; charset=utf-8');
    },
  );
  api.route(
    { method: 'GET', url: '/api/v1/public/league.csv', summary: 'The league table as CSV (UTF-8 with BOM, Excel-ready); with an ETag and Cache-Control: public', access: 'public', query: leagueQuery.extend({ lang: z.enum(['ar', 'en']).optional() }).strict(),
      responses: { 200: null, 304: null }, files: { 'text/csv': 'The league table in the language of ?lang= (default ar), UTF-8 with a byte-order mark' }, rateLimit: { max: 30, timeWindow: 60_000 } },
    async ({ query, req, reply }) => {
      const { lang = 'ar', ...q } = query;
      const { entry, maxAge } = await leagueOf(q);
      const l = entry.league;
      const csv = ctx.leagues.csv(entry, lang, () => {
        const ar = lang === 'ar';
        const pct = (x: number | null) => (x === null ? '' : String(Math.round(x * 1000) / 10));
        return csvText([
          ar ? ['الترتيب', 'المركز', 'البلدية', 'الحي', 'المخدومون', 'مستوى الخدمة %', 'وسيط الانتظار (د)', 'الانتظار ٩٠٪ (د)', 'عدم الحضور %', 'متوسط الرضا', 'عدد التقييمات', 'النقاط', 'عينة صغيرة']
            : ['Rank', 'Centre', 'Municipality', 'District', 'Served', 'Service level %', 'Median wait (min)', '90th pct wait (min)', 'No-show %', 'Satisfaction', 'Ratings', 'Score', 'Small sample'],
          ...l.centres.map((c) => [c.rank === null ? '' : String(c.rank), c.name[lang], c.municipality[lang], c.district[lang], String(c.served), pct(c.serviceLevel), String(c.waitMedian ?? ''), String(c.waitP90 ?? ''),
            pct(c.noShowShare), String(c.satisfaction.mean ?? ''), String(c.satisfaction.count), String(c.score ?? ''), c.smallSample ? (ar ? 'نعم' : 'yes') : '']),
        ]);
      });
      return cached(req, reply, entry, csv, maxAge, 'text/csv; charset=utf-8', `attachment; filename="dawr-league-${l.from}-${l.to}.csv"`);
    },
  );
}
