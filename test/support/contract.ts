// The API contract, checked from outside on every integration test (vitest setupFiles): each
// answer to an `/api/` request the test process makes with fetch — the tests' own calls, and the
// hub's calls to central — is checked against the OpenAPI document that same server serves
// (`GET /api/v1/openapi.json`), with Ajv (JSON Schema 2020-12, as OpenAPI 3.1 uses), not with the
// zod schemas the document was made from: the status must be one the operation lists, the media
// type one it describes, and a JSON body must match the schema of that status. A test whose calls
// met an answer outside the contract fails, with the answers listed.
// Not checked: paths no operation describes (the hardening tests probe those on purpose), event
// streams (never end), and requests made without fetch (raw-request.ts: malformed on purpose).
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { afterEach } from 'vitest';

type Media = Record<string, { schema?: object }>;
type Operation = { responses?: Record<string, { content?: Media }> };
type Doc = { openapi?: string; paths?: Record<string, Record<string, Operation>> };
type Op = { method: string; path: string; re: RegExp; params: number; op: Operation };

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => void;
const ajv = new Ajv2020({ strict: false, allErrors: false, validateSchema: false });
addFormats(ajv);

const realFetch = globalThis.fetch;
/** A server's operations, by origin; re-read when an answer does not fit (a new server on a reused port). */
const byOrigin = new Map<string, Promise<Op[] | null>>();
/** Operations parsed once per distinct document (every hub of a run serves the same one). */
const byText = new Map<string, Op[]>();
const compiled = new Map<object, ValidateFunction>();
let violations: string[] = [];

function parse(text: string): Op[] | null {
  const known = byText.get(text);
  if (known) return known;
  let doc: Doc;
  try {
    doc = JSON.parse(text) as Doc;
  } catch {
    return null;
  }
  if (!doc.openapi?.startsWith('3.') || !doc.paths) return null;
  const ops: Op[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    const re = new RegExp(`^${path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+')}$`);
    for (const [method, op] of Object.entries(methods)) ops.push({ method: method.toUpperCase(), path, re, params: (path.match(/\{/g) ?? []).length, op });
  }
  // A fixed segment before a parameter: /tickets/active before /tickets/{id}.
  ops.sort((a, b) => a.params - b.params);
  byText.set(text, ops);
  return ops;
}

function operations(origin: string, fresh = false): Promise<Op[] | null> {
  let p = fresh ? undefined : byOrigin.get(origin);
  if (!p) {
    p = realFetch(`${origin}/api/v1/openapi.json`, { signal: AbortSignal.timeout(10_000) })
      .then(async (r) => (r.ok ? parse(await r.text()) : null))
      .catch(() => null);
    byOrigin.set(origin, p);
  }
  return p;
}

function validator(schema: object): ValidateFunction {
  let v = compiled.get(schema);
  if (!v) compiled.set(schema, (v = ajv.compile(schema)));
  return v;
}

/** What is wrong with this answer for this operation, or null. */
function problem(op: Op, status: number, type: string, body: string): string | null {
  const declared = op.op.responses?.[String(status)] ?? op.op.responses?.[`${String(status)[0]}XX`] ?? op.op.responses?.default;
  if (!declared) return `status ${status} is not among ${Object.keys(op.op.responses ?? {}).join(', ')}`;
  if (!declared.content || status === 204 || body === '') return null;
  const media = type.split(';')[0]!.trim().toLowerCase();
  // A media type as declared (its parameters, such as charset, aside) or by a range (audio/*).
  const base = (k: string) => k.split(';')[0]!.trim().toLowerCase();
  const described = Object.entries(declared.content).find(([k]) => base(k) === media || (k.endsWith('/*') && media.startsWith(k.slice(0, -1))))?.[1];
  if (!described) return `media type ${media || '(none)'} is not among ${Object.keys(declared.content).join(', ')}`;
  if (media !== 'application/json' || !described.schema) return null;
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return 'the body is not JSON';
  }
  const v = validator(described.schema);
  if (v(value)) return null;
  const e = v.errors?.[0];
  return `the body does not match its schema: ${e?.instancePath || '/'} ${e?.message ?? ''} ${e?.params ? JSON.stringify(e.params) : ''}`.trim();
}

/** A body read beside the test's own reading, or null when it does not end soon (a killed server, a stream). */
async function bodyOf(res: Response): Promise<string | null> {
  const copy = res.clone();
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<null>((resolve) => (timer = setTimeout(resolve, 10_000, null)));
  try {
    return await Promise.race([copy.text(), late]);
  } catch {
    return null; // the connection ended early: the test sees that itself
  } finally {
    clearTimeout(timer);
    copy.body?.cancel().catch(() => {});
  }
}

async function check(method: string, url: URL, res: Response): Promise<void> {
  const type = res.headers.get('content-type') ?? '';
  if (type.startsWith('text/event-stream')) return;
  const body = await bodyOf(res);
  if (body === null) return;
  for (const fresh of [false, true]) {
    const ops = await operations(url.origin, fresh);
    if (!ops) return;
    const op = ops.find((o) => o.method === method && o.re.test(url.pathname));
    const wrong = op ? problem(op, res.status, type, body) : 'no operation';
    if (!wrong) return;
    if (!fresh) continue; // maybe another server on a port used before: read its document again
    if (op) violations.push(`${method} ${url.pathname} → ${res.status}: ${wrong}${op.path !== url.pathname ? ` (as ${op.path})` : ''}\n    ${body.slice(0, 300)}`);
  }
}

globalThis.fetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
  const res = await realFetch(input, init);
  const url = new URL(input instanceof Request ? input.url : String(input));
  const method = (init?.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase();
  const local = url.hostname === '127.0.0.1' || url.hostname === 'localhost' || url.hostname === '[::1]';
  // Checked beside the test, never holding up its answer; the test's end waits for the checks.
  if (local && url.pathname.startsWith('/api/') && url.pathname !== '/api/v1/openapi.json') pending.add(check(method, url, res).catch(() => {}));
  return res;
};

const pending = new Set<Promise<void>>();

afterEach(async () => {
  const checks = [...pending];
  pending.clear();
  await Promise.all(checks);
  const found = violations;
  violations = [];
  if (found.length) throw new Error(`answers outside the OpenAPI contract (${found.length}):\n  ${found.slice(0, 10).join('\n  ')}`);
});
