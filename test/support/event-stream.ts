// Test support: a screen on the hub's event stream, recording every message in order and
// letting a test wait for a message that matches (event-driven, no sleeps).
export interface StreamMessage {
  kind: 'snapshot' | 'event';
  seq?: number;
  type?: string;
  snapshot?: { seq: number; tickets: { id: string; number: string; status: string }[] };
  [k: string]: unknown;
}

export class EventStreamClient {
  readonly messages: StreamMessage[] = [];
  private readonly ws: WebSocket;
  private waiters: { match: (m: StreamMessage) => boolean; resolve: (m: StreamMessage) => void }[] = [];
  readonly opened: Promise<void>;
  readonly closed: Promise<{ code: number }>;

  constructor(url: string, token: string, since?: number) {
    const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/api/v1/events?token=${encodeURIComponent(token)}${since !== undefined ? `&since=${since}` : ''}`);
    this.ws = ws;
    this.opened = new Promise((resolve, reject) => {
      ws.addEventListener('open', () => resolve());
      ws.addEventListener('error', () => reject(new Error('event stream failed to open')));
    });
    this.closed = new Promise((resolve) => ws.addEventListener('close', (e) => resolve({ code: e.code })));
    ws.addEventListener('message', (e) => {
      const m = JSON.parse(String(e.data)) as StreamMessage;
      this.messages.push(m);
      this.waiters = this.waiters.filter((w) => {
        if (!w.match(m)) return true;
        w.resolve(m);
        return false;
      });
    });
  }

  /** Resolves with the first message (already received or still to come) that matches. */
  waitFor(match: (m: StreamMessage) => boolean): Promise<StreamMessage> {
    const seen = this.messages.find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve) => this.waiters.push({ match, resolve }));
  }

  get events(): StreamMessage[] {
    return this.messages.filter((m) => m.kind === 'event');
  }

  lastSeq(): number {
    let s = 0;
    for (const m of this.messages) s = Math.max(s, m.kind === 'snapshot' ? m.snapshot!.seq : (m.seq ?? 0));
    return s;
  }

  close(): Promise<{ code: number }> {
    this.ws.close();
    return this.closed;
  }
}

/** The screens a test opens on one hub, all closed at once after it. */
export function screensOn(url: () => string): { open: (token: string, since?: number) => EventStreamClient; closeAll: () => Promise<unknown> } {
  const opened: EventStreamClient[] = [];
  return {
    open(token, since) {
      const c = new EventStreamClient(url(), token, since);
      opened.push(c);
      return c;
    },
    closeAll: () => Promise.all(opened.splice(0).map((c) => c.close())),
  };
}
