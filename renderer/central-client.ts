// The one way the renderer reaches central (brief §10): JSON over HTTP, the answers checked
// against the shared contracts (shared/protocol/central.ts), so a server that drifts from them
// fails loudly here instead of drawing nonsense. Central serves these screens, so its origin is
// the page's. Errors keep the server's code; screens word them (central/error-text.ts).
import { z } from 'zod';
import { HubError } from './hub-client.ts';
import {
  CentralAccount, CentralAuditEntry, CentralLoginResponse, CentralSessionResponse, CentralUser, Centre, CompareResponse, DashboardResponse, DaySummary, LeagueResponse, Municipality,
  type CentralAuditQuery, type CentralRole, type CentralUserPatchBody,
} from '../shared/protocol/central.ts';

// The screens' CSP allows no eval: without this zod probes `new Function` on its first parse (it
// falls back by itself, but Chromium logs a CSP violation on every page).
z.config({ jitless: true });

/** A refusal from central: `code` is the server's error code (`unauthorized`, `not_found`, …), or `network` / `bad_response`. */
export class CentralError extends HubError {}

/** A new account (`POST /api/v1/users`, CreateUserBody): municipalityId for a municipality's roles (a municipality admin's own by default), branchId for a centre manager. */
export type NewAccount = { username: string; password: string; role: CentralRole; displayName?: string; municipalityId?: string; branchId?: string };

export type Period = { from: string; to: string; municipality?: string | undefined };

const query = (q: Record<string, string | number | undefined>) => {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v) p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : '';
};

export class CentralClient {
  readonly baseUrl: string;
  private token: string | null = null;
  private doFetch: typeof fetch;

  constructor(opts: { baseUrl: string; fetch?: typeof fetch }) {
    this.baseUrl = opts.baseUrl.replace(/\/$/, '');
    this.doFetch = opts.fetch ?? ((...a) => fetch(...a));
  }

  setToken(token: string | null): void {
    this.token = token;
  }

  private async request<S extends z.ZodType>(schema: S, method: string, path: string, body?: unknown): Promise<z.infer<S>> {
    const headers: Record<string, string> = {};
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    let res: Response;
    try {
      res = await this.doFetch(`${this.baseUrl}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    } catch (err) {
      throw new CentralError(0, 'network', err instanceof Error ? err.message : String(err));
    }
    const text = await res.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      throw new CentralError(res.status, res.ok ? 'bad_response' : `http_${res.status}`, text.slice(0, 200));
    }
    if (!res.ok) {
      const e = (json as { error?: { code?: string; message?: string } } | undefined)?.error;
      throw new CentralError(res.status, e?.code ?? `http_${res.status}`, e?.message ?? res.statusText);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) throw new CentralError(res.status, 'bad_response', parsed.error.message);
    return parsed.data;
  }

  // --- public (no sign-in) ---
  municipalities(): Promise<Municipality[]> {
    return this.request(Municipality.array(), 'GET', '/api/v1/public/municipalities');
  }

  league(p: Period): Promise<LeagueResponse> {
    return this.request(LeagueResponse, 'GET', `/api/v1/public/league${query(p)}`);
  }

  /** A plain link (public, no token): the browser downloads it with the name central gives. */
  leagueCsvUrl(p: Period, lang: 'ar' | 'en'): string {
    return `${this.baseUrl}/api/v1/public/league.csv${query({ ...p, lang })}`;
  }

  // --- staff ---
  signIn(username: string, password: string): Promise<CentralLoginResponse> {
    return this.request(CentralLoginResponse, 'POST', '/api/v1/auth/login', { username, password });
  }

  async signOut(): Promise<void> {
    // Answers 204: nothing to check. A failure changes nothing here: the screen forgets the token anyway.
    await this.request(z.unknown(), 'POST', '/api/v1/auth/logout', {}).catch(() => undefined);
  }

  me(): Promise<CentralUser> {
    return this.request(CentralUser, 'GET', '/api/v1/me');
  }

  dashboard(municipality?: string): Promise<DashboardResponse> {
    return this.request(DashboardResponse, 'GET', `/api/v1/dashboard${query({ municipality })}`);
  }

  compare(p: Period): Promise<CompareResponse> {
    return this.request(CompareResponse, 'GET', `/api/v1/compare${query(p)}`);
  }

  daySummary(branchId: string, day: string): Promise<DaySummary> {
    return this.request(DaySummary, 'GET', `/api/v1/branches/${encodeURIComponent(branchId)}/days/${encodeURIComponent(day)}`);
  }

  /** The municipalities this account may see (a platform admin: all; anyone else: their own). */
  staffMunicipalities(): Promise<Municipality[]> {
    return this.request(Municipality.array(), 'GET', '/api/v1/municipalities');
  }

  /** The centres this account may see. */
  centres(): Promise<Centre[]> {
    return this.request(Centre.array(), 'GET', '/api/v1/branches');
  }

  // --- accounts (platform and municipality admins; scoped by central) ---
  accounts(): Promise<CentralAccount[]> {
    return this.request(CentralAccount.array(), 'GET', '/api/v1/users');
  }

  addAccount(a: NewAccount): Promise<CentralUser> {
    return this.request(CentralUser, 'POST', '/api/v1/users', a);
  }

  /** Role, display name, enabled, a centre manager's centre. Disabling, or a new role or centre, ends the account's sessions. */
  updateAccount(id: string, patch: CentralUserPatchBody): Promise<CentralAccount> {
    return this.request(CentralAccount, 'POST', `/api/v1/users/${encodeURIComponent(id)}`, patch);
  }

  /** Another account's new password (its sessions end). One's own: changeOwnPassword. */
  async setPassword(id: string, password: string): Promise<void> {
    await this.request(z.unknown(), 'POST', `/api/v1/users/${encodeURIComponent(id)}/password`, { password });
  }

  async endSessions(id: string): Promise<number> {
    return (await this.request(z.object({ ended: z.number().int() }), 'POST', `/api/v1/users/${encodeURIComponent(id)}/end-sessions`, {})).ended;
  }

  /** Clears the account's failed sign-ins from every address; answers how many were cleared. */
  async unlock(id: string): Promise<number> {
    return (await this.request(z.object({ cleared: z.number().int() }), 'POST', `/api/v1/users/${encodeURIComponent(id)}/unlock`, {})).cleared;
  }

  /**
   * One's own password: every session of the account ends, this one too, and central answers a
   * new token, which this client uses from now on (the caller stores it in the session).
   */
  async changeOwnPassword(currentPassword: string, newPassword: string): Promise<z.infer<typeof CentralSessionResponse>> {
    const s = await this.request(CentralSessionResponse, 'POST', '/api/v1/auth/password', { currentPassword, newPassword });
    this.token = s.token;
    return s;
  }

  audit(q: CentralAuditQuery): Promise<CentralAuditEntry[]> {
    return this.request(CentralAuditEntry.array(), 'GET', `/api/v1/audit${query(q)}`);
  }
}
