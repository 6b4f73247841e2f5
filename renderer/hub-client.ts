// The one way the renderer reaches the hub: JSON over HTTP and the event stream over WebSocket.
// The stream resumes by `seq` after a drop (`?since=`); a gap or a refused resume ends in a fresh
// snapshot from the server. Listeners see the connection state, so screens can say "reconnecting".
import type { ServiceQueue, Snapshot } from '../shared/protocol/http.ts';
import type { SequencedEvent } from '../shared/protocol/events.ts';

export type ConnectionState = 'idle' | 'connecting' | 'open' | 'reconnecting';

export class HubError extends Error {
  readonly status: number;
  readonly code: string;
  constructor(status: number, code: string, message: string) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

type StreamListener = {
  snapshot?: (s: Snapshot) => void;
  event?: (e: SequencedEvent) => void;
  /** Per-service counts and quotes, refreshed by the hub about once a second. */
  queue?: (q: ServiceQueue[]) => void;
  state?: (s: ConnectionState) => void;
};

export type HubClientOptions = {
  baseUrl: string;
  /** Injected for tests; defaults to the global ones. */
  fetch?: typeof fetch;
  WebSocket?: typeof WebSocket;
};

const backoff = [250, 500, 1000, 2000, 4000, 5000];

export class HubClient {
  readonly baseUrl: string;
  private token: string | null = null;
  private ws: WebSocket | null = null;
  private seq = -1;
  private state: ConnectionState = 'idle';
  private listeners = new Set<StreamListener>();
  private retry = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private wanted = false;
  private doFetch: typeof fetch;
  private WS: typeof WebSocket;

  constructor(opts: HubClientOptions) {
    this.baseUrl = opts.baseUrl.replace(/\/$/, '');
    this.doFetch = opts.fetch ?? ((...a) => fetch(...a));
    this.WS = opts.WebSocket ?? WebSocket;
  }

  setToken(token: string | null): void {
    if (token === this.token) return;
    this.token = token;
    if (this.wanted) this.reconnectNow();
  }

  hasToken(): boolean {
    return this.token !== null;
  }

  async request<T>(method: string, path: string, body?: unknown, opts: { auth?: boolean } = {}): Promise<T> {
    const headers: Record<string, string> = {};
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (opts.auth !== false && this.token) headers.authorization = `Bearer ${this.token}`;
    let res: Response;
    try {
      res = await this.doFetch(`${this.baseUrl}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    } catch (err) {
      throw new HubError(0, 'network', err instanceof Error ? err.message : String(err));
    }
    if (res.status === 204) return undefined as T;
    const text = await res.text();
    const json = text ? (JSON.parse(text) as unknown) : undefined;
    if (!res.ok) {
      const e = (json as { error?: { code?: string; message?: string } } | undefined)?.error;
      throw new HubError(res.status, e?.code ?? 'http_' + res.status, e?.message ?? res.statusText);
    }
    return json as T;
  }

  get<T>(path: string): Promise<T> {
    return this.request<T>('GET', path);
  }

  post<T>(path: string, body: unknown = {}): Promise<T> {
    return this.request<T>('POST', path, body);
  }

  /** A file from the hub (reports: CSV, XLSX, PDF) with the name the hub gives it. */
  async download(path: string): Promise<{ blob: Blob; filename: string }> {
    const headers: Record<string, string> = this.token ? { authorization: `Bearer ${this.token}` } : {};
    let res: Response;
    try {
      res = await this.doFetch(`${this.baseUrl}${path}`, { headers });
    } catch (err) {
      throw new HubError(0, 'network', err instanceof Error ? err.message : String(err));
    }
    if (!res.ok) {
      const e = ((await res.json().catch(() => undefined)) as { error?: { code?: string; message?: string } } | undefined)?.error;
      throw new HubError(res.status, e?.code ?? 'http_' + res.status, e?.message ?? res.statusText);
    }
    const filename = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? 'report';
    return { blob: await res.blob(), filename };
  }

  /** Sends bytes (a voice clip) with their content type. */
  async put<T>(path: string, bytes: Uint8Array<ArrayBuffer>, type: string): Promise<T> {
    const headers: Record<string, string> = { 'content-type': type, ...(this.token ? { authorization: `Bearer ${this.token}` } : {}) };
    const res = await this.doFetch(`${this.baseUrl}${path}`, { method: 'PUT', headers, body: bytes });
    const json = (await res.json().catch(() => undefined)) as { error?: { code?: string; message?: string } } | undefined;
    if (!res.ok) throw new HubError(res.status, json?.error?.code ?? 'http_' + res.status, json?.error?.message ?? res.statusText);
    return json as T;
  }

  /** An audio file the hub serves (voice clips), as bytes for Web Audio to decode. */
  async audio(path: string): Promise<ArrayBuffer> {
    const res = await this.doFetch(`${this.baseUrl}${path}`);
    if (!res.ok) throw new HubError(res.status, 'http_' + res.status, `audio ${path}: ${res.statusText}`);
    return res.arrayBuffer();
  }

  /** Public endpoints (tracking, rating, login, pairing): no token sent. */
  publicRequest<T>(method: string, path: string, body?: unknown): Promise<T> {
    return this.request<T>(method, path, body, { auth: false });
  }

  subscribe(l: StreamListener): () => void {
    this.listeners.add(l);
    l.state?.(this.state);
    return () => this.listeners.delete(l);
  }

  connectionState(): ConnectionState {
    return this.state;
  }

  /** Opens the stream (idempotent); it stays open, reconnecting, until `disconnect()`. */
  connect(): void {
    this.wanted = true;
    if (!this.ws && !this.timer) this.open();
  }

  disconnect(): void {
    this.wanted = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const ws = this.ws;
    this.ws = null;
    ws?.close();
    this.setState('idle');
  }

  private reconnectNow(): void {
    const ws = this.ws;
    this.ws = null;
    ws?.close();
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.seq = -1;
    this.open();
  }

  private wsUrl(): string {
    const u = new URL(`${this.baseUrl}/api/v1/events`, 'http://localhost');
    u.protocol = u.protocol === 'https:' ? 'wss:' : 'ws:';
    if (this.token) u.searchParams.set('token', this.token);
    if (this.seq >= 0) u.searchParams.set('since', String(this.seq));
    return u.toString();
  }

  private open(): void {
    if (!this.token) return;
    this.setState(this.state === 'idle' || this.state === 'connecting' ? 'connecting' : 'reconnecting');
    const ws = new this.WS(this.wsUrl());
    this.ws = ws;
    ws.onmessage = (m) => {
      if (this.ws !== ws) return;
      this.onMessage(String(m.data));
    };
    ws.onopen = () => {
      // Resuming: the server replays from `since` (or sends a snapshot); nothing more may come.
      if (this.ws === ws && this.seq >= 0) {
        this.retry = 0;
        this.setState('open');
      }
    };
    ws.onclose = () => {
      if (this.ws !== ws) return;
      this.ws = null;
      if (this.wanted) this.scheduleReconnect();
    };
    ws.onerror = () => ws.close();
  }

  private scheduleReconnect(): void {
    this.setState('reconnecting');
    const delay = backoff[Math.min(this.retry, backoff.length - 1)] ?? 5000;
    this.retry++;
    this.timer = setTimeout(() => {
      this.timer = null;
      if (this.wanted) this.open();
    }, delay);
  }

  private onMessage(raw: string): void {
    let msg: { kind?: string; snapshot?: Snapshot; seq?: number; queue?: ServiceQueue[] };
    try {
      msg = JSON.parse(raw) as typeof msg;
    } catch {
      return;
    }
    if (msg.kind === 'snapshot' && msg.snapshot) {
      this.seq = msg.snapshot.seq;
      this.retry = 0;
      this.setState('open');
      for (const l of this.listeners) l.snapshot?.(msg.snapshot);
      return;
    }
    if (msg.kind === 'queue' && Array.isArray(msg.queue)) {
      for (const l of this.listeners) l.queue?.(msg.queue);
      return;
    }
    if (msg.kind === 'event' && typeof msg.seq === 'number') {
      this.retry = 0;
      if (this.state !== 'open') this.setState('open');
      if (msg.seq <= this.seq) return; // already applied (resume overlap)
      if (this.seq >= 0 && msg.seq !== this.seq + 1) {
        // A gap: ask again from what we have; the server resends or sends a snapshot.
        this.ws?.close();
        return;
      }
      this.seq = msg.seq;
      const { kind: _k, ...event } = msg as Record<string, unknown>;
      for (const l of this.listeners) l.event?.(event as unknown as SequencedEvent);
    }
  }

  private setState(s: ConnectionState): void {
    if (s === this.state) return;
    this.state = s;
    for (const l of this.listeners) l.state?.(s);
  }
}
