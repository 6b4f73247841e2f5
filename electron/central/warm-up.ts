// The public league's request path, run in-process before central listens. A crowd that arrives
// right after a start (an upgrade, a restart while a news page links to the league) otherwise
// meets code V8 has not yet optimised: in bench:crowd's first second central's one thread took a
// whole core, about 0.9 ms a request against 0.2–0.4 ms once warm, and each client's first answer
// queued behind it for 135–440 ms (docs/benchmarks.md, the crowd). Run through the server's own
// routing, hooks and serialisation (Fastify's inject: no sockets), from documentation addresses
// (192.0.2.0/24, RFC 5737) so no reader's per-address limit counts them; the caller then starts
// the league's timing histogram again, so /metrics shows readers only.
import type { FastifyInstance } from 'fastify';

export interface WarmUpPeriod {
  from: string;
  to: string;
}

/**
 * Asks the league (JSON and CSV, plain and gzipped, fresh and revalidated, the platform's and a
 * municipality's) `requests` times over `periods`. Resolves with the time it took (ms).
 */
export async function warmLeagueRequests(app: FastifyInstance, periods: readonly WarmUpPeriod[], municipalityId: string | undefined, requests: number): Promise<number> {
  if (periods.length === 0 || requests <= 0) return 0;
  const t0 = performance.now();
  const etags = new Map<string, string>();
  for (let i = 0; i < requests; i++) {
    const p = periods[i % periods.length]!;
    // Mostly a municipality's table, gzipped: the same code as the platform's, with small answers
    // (the platform's table in plain JSON is some 400 KB for a thousand centres, and a warm-up of
    // those grew central's heap by 150 MB).
    const csv = i % 10 === 9;
    const m = municipalityId !== undefined && i % 8 !== 0 ? `&municipality=${encodeURIComponent(municipalityId)}` : '';
    const url = `/api/v1/public/league${csv ? '.csv' : ''}?from=${p.from}&to=${p.to}${m}${csv ? '&lang=ar' : ''}`;
    const gzip = i % 16 !== 15;
    const key = `${url}|${gzip}`;
    const etag = i % 5 === 4 ? etags.get(key) : undefined;
    const r = await app.inject({
      method: 'GET', url, remoteAddress: `192.0.2.${(i % 254) + 1}`,
      headers: { ...(gzip ? { 'accept-encoding': 'gzip, deflate, br' } : {}), ...(etag ? { 'if-none-match': etag } : {}) },
    });
    const got = r.headers.etag;
    if (typeof got === 'string') etags.set(key, got);
  }
  return performance.now() - t0;
}
