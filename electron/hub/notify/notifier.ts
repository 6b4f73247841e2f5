// The citizen's notifications (brief §11): one gateway interface, with Web Push (VAPID, the
// `web-push` library) and SMS — an HTTP operator adapter or the local simulator that only records.
// Every message is kept in `notifications` for the retention period (what
// `GET /api/v1/admin/notifications?to=` reads). Phone numbers are personal: never logged (the
// logger redacts digit runs anyway), deleted with the request when its ticket is finished, and
// the message log is purged after retention.
//
// "Tell me when my turn nears": a request per ticket (phone, push subscription or both). On each
// batch of hall events the requests are checked (at most every 250 ms): "ahead" once when the
// ticket has `aheadThreshold` or fewer ahead of it, "called" with the counter when it is called;
// a finished ticket's request is deleted.
import { createECDH } from 'node:crypto';
import type webpush from 'web-push';
import { businessDay } from '../../../shared/domain/business-day.ts';
import { countAhead } from '../../../shared/domain/routing.ts';
import { competitionOf } from '../../../shared/domain/targets.ts';
import type { HallState, TicketRecord } from '../../../shared/domain/hall-state.ts';
import { DEFAULT_NOTIFY_SETTINGS, type NotificationKind, NotifySettings, type SentNotification, type SmsSettings } from '../../../shared/protocol/appointments.ts';
import type { Lang } from '../../../shared/protocol/entities.ts';
import type { SequencedEvent } from '../../../shared/protocol/events.ts';
import type { Logger } from '../../node-common/log.ts';
import type { Hall } from '../hall.ts';
import type { ConfigStore } from '../store/config-store.ts';
import type { Db } from '../store/database.ts';
import { type MessageFacts, messageText } from './messages.ts';

export interface PushSubscriptionJson {
  endpoint: string;
  expirationTime?: number | null | undefined;
  keys: { p256dh: string; auth: string };
}

/** Where a message goes: a phone number, a push subscription, or both. */
export interface Recipient {
  phone?: string | undefined;
  push?: PushSubscriptionJson | undefined;
}

/** The SMS gateway interface: one adapter per operator; the simulator records only. */
export interface SmsGateway {
  readonly kind: 'simulator' | 'http';
  send(to: string, text: string): Promise<void>;
}

export const simulatorGateway: SmsGateway = { kind: 'simulator', send: async () => undefined };

/** An operator's HTTP API: POSTs the template with `{{to}}` and `{{text}}` filled in (JSON-escaped). */
export function httpGateway(s: Extract<SmsSettings, { kind: 'http' }>): SmsGateway {
  return {
    kind: 'http',
    async send(to, text) {
      const esc = (v: string) => JSON.stringify(v).slice(1, -1);
      const body = s.template.replaceAll('{{to}}', esc(to)).replaceAll('{{text}}', esc(text));
      const res = await fetch(s.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(s.token ? { authorization: `Bearer ${s.token}` } : {}) },
        body,
        signal: AbortSignal.timeout(10_000),
      });
      if (!res.ok) throw new Error(`the SMS gateway answered ${res.status}`);
    },
  };
}

export type Notifier = ReturnType<typeof createNotifier>;

/** A VAPID key pair (P-256, base64url: the uncompressed public point, the 32-byte private key), as web-push's generateVAPIDKeys makes it. */
export function newVapidKeys(): { publicKey: string; privateKey: string } {
  const ecdh = createECDH('prime256v1');
  ecdh.generateKeys();
  const d = ecdh.getPrivateKey();
  return { publicKey: ecdh.getPublicKey().toString('base64url'), privateKey: Buffer.concat([Buffer.alloc(Math.max(0, 32 - d.length)), d]).toString('base64url') };
}

export function createNotifier(deps: { db: Db; config: ConfigStore; hall: Hall; log: Logger }) {
  const { db, config, hall, log } = deps;
  if (!config.get('vapidKeys')) config.set('vapidKeys', newVapidKeys());
  const vapid = config.get<{ publicKey: string; privateKey: string }>('vapidKeys')!;

  const settings = (): NotifySettings => {
    const stored = NotifySettings.safeParse(config.get('notifySettings'));
    return stored.success ? stored.data : DEFAULT_NOTIFY_SETTINGS;
  };
  const gateway = (): SmsGateway => {
    const sms = settings().sms;
    return sms.kind === 'http' ? httpGateway(sms) : simulatorGateway;
  };

  const insertSent = db.prepare('INSERT INTO notifications (at, day, channel, recipient, kind, lang, text, status, error) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
  const selectSent = db.prepare('SELECT id, at, channel, recipient AS "to", kind, lang, text, status, error FROM notifications WHERE recipient = ? ORDER BY id DESC LIMIT ?');
  const deleteSent = db.prepare('DELETE FROM notifications WHERE day < ?');
  const putRequest = db.prepare(`INSERT INTO notify_requests (ticket_id, day, lang, phone, push, sent) VALUES (@ticketId, @day, @lang, @phone, @push, '')
    ON CONFLICT(ticket_id) DO UPDATE SET lang = excluded.lang, phone = COALESCE(excluded.phone, phone), push = COALESCE(excluded.push, push)`);
  const getRequest = db.prepare('SELECT ticket_id AS ticketId, lang, phone, push, sent FROM notify_requests WHERE ticket_id = ?');
  const allRequests = db.prepare('SELECT ticket_id AS ticketId, lang, phone, push, sent FROM notify_requests WHERE day = ?');
  const markSent = db.prepare('UPDATE notify_requests SET sent = ? WHERE ticket_id = ?');
  const deleteRequest = db.prepare('DELETE FROM notify_requests WHERE ticket_id = ?');
  const deleteOldRequests = db.prepare('DELETE FROM notify_requests WHERE day < ?');

  type Row = { ticketId: string; lang: Lang; phone: string | null; push: string | null; sent: string };

  const record = (channel: 'sms' | 'push', to: string, kind: NotificationKind, lang: Lang, text: string, status: SentNotification['status'], error?: string) => {
    const now = hall.now();
    insertSent.run(new Date(now).toISOString(), businessDay(now, hall.state.branch.timeZone), channel, to, kind, lang, text, status, error ?? null);
  };

  const pushOrigin = (endpoint: string) => {
    try {
      return `push:${new URL(endpoint).host}`;
    } catch {
      return 'push:?';
    }
  };

  async function sendPush(sub: PushSubscriptionJson, kind: NotificationKind, lang: Lang, text: string, url?: string): Promise<boolean> {
    const payload = JSON.stringify({ title: hall.state.branch.name[lang], body: text, kind, ...(url ? { url } : {}) });
    try {
      // The request is built by web-push (VAPID JWT, aes128gcm encryption) and sent with fetch,
      // so a push service on plain HTTP (a local one in the tests) works as well as HTTPS.
      // web-push is loaded on the first push only: a hall that never pushes does not carry it (13 MB).
      const { default: wp } = await import('web-push');
      const details = wp.generateRequestDetails(sub as webpush.PushSubscription, payload, {
        vapidDetails: { subject: 'mailto:hall@dawr.invalid', publicKey: vapid.publicKey, privateKey: vapid.privateKey },
        TTL: 900,
        urgency: kind === 'called' ? 'high' : 'normal',
      });
      const res = await fetch(details.endpoint, {
        method: details.method,
        headers: details.headers as Record<string, string>,
        body: details.body ? new Uint8Array(details.body) : null,
        signal: AbortSignal.timeout(10_000),
      });
      if (!res.ok) throw new Error(`the push service answered ${res.status}`);
      record('push', pushOrigin(sub.endpoint), kind, lang, text, 'sent');
      return true;
    } catch (err) {
      const why = (err as Error).message;
      record('push', pushOrigin(sub.endpoint), kind, lang, text, 'failed', why);
      log.warn({ kind, channel: 'push', error: why }, 'a push notification failed');
      return false;
    }
  }

  async function sendSms(to: string, kind: NotificationKind, lang: Lang, text: string): Promise<boolean> {
    const g = gateway();
    try {
      await g.send(to, text);
      record('sms', to, kind, lang, text, g.kind === 'simulator' ? 'recorded' : 'sent');
      return true;
    } catch (err) {
      const why = (err as Error).message;
      record('sms', to, kind, lang, text, 'failed', why);
      log.warn({ kind, channel: 'sms', error: why }, 'an SMS failed');
      return false;
    }
  }

  /** Sends one message on every channel of the recipient; resolves when each has been tried. */
  async function send(to: Recipient, kind: NotificationKind, lang: Lang, facts: Omit<MessageFacts, 'hall'>, url?: string): Promise<void> {
    const text = messageText(kind, lang, { hall: hall.state.branch.name, ...facts });
    const jobs: Promise<boolean>[] = [];
    if (to.phone) jobs.push(sendSms(to.phone, kind, lang, text));
    if (to.push) jobs.push(sendPush(to.push, kind, lang, text, url));
    await Promise.all(jobs);
  }

  // --- the "your turn is near" requests -------------------------------------------------------

  const inFlight = new Set<Promise<unknown>>();
  const track = (p: Promise<unknown>) => {
    inFlight.add(p);
    void p.finally(() => inFlight.delete(p));
  };

  const recipientOf = (r: Row): Recipient => ({ ...(r.phone ? { phone: r.phone } : {}), ...(r.push ? { push: JSON.parse(r.push) as PushSubscriptionJson } : {}) });

  /** People ahead, as the tracking page counts them (position − 1). */
  const aheadOf = (state: HallState, t: TicketRecord, now: number): number =>
    countAhead(state.tickets.values(), state.services, now, state.config.routing, competitionOf(state, t).competes, t);

  /** Checks one request against its ticket now; sends what is due. */
  function check(r: Row): void {
    const state = hall.state;
    const t = state.tickets.get(r.ticketId);
    const sent = new Set(r.sent.split(',').filter(Boolean));
    if (!t || t.status === 'done' || t.status === 'no_show' || t.status === 'cancelled') {
      deleteRequest.run(r.ticketId);
      return;
    }
    const url = t.trackingCode ? `/track/${t.trackingCode}` : undefined;
    if ((t.status === 'called' || t.status === 'serving') && !sent.has('called')) {
      const counter = t.counterId ? state.counters.get(t.counterId) : undefined;
      sent.add('called').add('ahead');
      markSent.run([...sent].join(','), r.ticketId);
      track(send(recipientOf(r), 'called', r.lang, { number: t.number, counter: counter?.number ?? 0 }, url));
      return;
    }
    if (t.status === 'waiting' && !sent.has('ahead')) {
      const ahead = aheadOf(state, t, hall.now());
      if (ahead <= settings().aheadThreshold) {
        sent.add('ahead');
        markSent.run([...sent].join(','), r.ticketId);
        track(send(recipientOf(r), 'ahead', r.lang, { number: t.number, ahead }, url));
      }
    }
  }

  let timer: NodeJS.Timeout | undefined;
  let last = 0;
  const checkAll = () => {
    timer = undefined;
    last = Date.now();
    for (const r of allRequests.all(hall.state.day) as Row[]) check(r);
  };
  const unsubscribe = hall.subscribe((events: SequencedEvent[]) => {
    if (timer) return;
    const relevant = events.some((e) => e.type.startsWith('ticket.') || e.type.startsWith('counter.'));
    if (!relevant) return;
    timer = setTimeout(checkAll, Math.max(0, 250 - (Date.now() - last)));
  });

  return {
    settings,
    saveSettings(s: NotifySettings) {
      config.set('notifySettings', s);
    },
    pushPublicKey: () => vapid.publicKey,
    send,
    /** Asks for "your turn is near" and "called" for a ticket of today; checked at once. */
    request(ticket: TicketRecord, req: { lang: Lang; phone?: string | undefined; push?: PushSubscriptionJson | undefined }) {
      putRequest.run({ ticketId: ticket.id, day: ticket.day, lang: req.lang, phone: req.phone ?? null, push: req.push ? JSON.stringify(req.push) : null });
      check(getRequest.get(ticket.id) as Row);
    },
    requestOf(ticketId: string): { sms: boolean; push: boolean } {
      const r = getRequest.get(ticketId) as Row | undefined;
      return { sms: Boolean(r?.phone), push: Boolean(r?.push) };
    },
    cancelRequest: (ticketId: string) => deleteRequest.run(ticketId).changes > 0,
    sentTo: (to: string, limit = 100): SentNotification[] =>
      (selectSent.all(to, limit) as (Omit<SentNotification, 'error'> & { error: string | null })[]).map(({ error, ...n }) => ({ ...n, ...(error ? { error } : {}) })),
    /** Deletes the message log and the requests of days before `day` (retention). */
    purge: (beforeDay: string) => deleteSent.run(beforeDay).changes + deleteOldRequests.run(beforeDay).changes,
    /**
     * Resolves when the hall's changes so far have been checked (a check waiting for its 250 ms
     * runs now) and every message they give has been tried (tests, shutdown).
     */
    settled: async () => {
      if (timer) {
        clearTimeout(timer);
        checkAll();
      }
      while (inFlight.size) await Promise.allSettled([...inFlight]);
    },
    async stop() {
      unsubscribe();
      if (timer) clearTimeout(timer);
      timer = undefined;
      while (inFlight.size) await Promise.allSettled([...inFlight]);
    },
  };
}
