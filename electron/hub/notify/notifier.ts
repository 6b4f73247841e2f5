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
import { aheadOf } from '../../../shared/domain/routing.ts';
import type { TicketRecord } from '../../../shared/domain/hall-state.ts';
import {
  countryCodeOfZone, DEFAULT_NOTIFY_SETTINGS, NOTIFY_ASKS_PER_TICKET, type NotificationKind, NotifySettings, phonePlanProblem, type SentNotification, type SmsSettings,
} from '../../../shared/protocol/appointments.ts';
import { ApiError } from '../../node-common/http/errors.ts';
import type { Lang } from '../../../shared/protocol/entities.ts';
import type { SequencedEvent } from '../../../shared/protocol/events.ts';
import type { Logger } from '../../node-common/log.ts';
import type { Hall } from '../hall.ts';
import type { ConfigStore } from '../store/config-store.ts';
import type { Db } from '../store/database.ts';
import { type MessageFacts, messageText } from './messages.ts';
import { pushEndpointProblem, sendPushRequest } from './push-endpoint.ts';

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

export function createNotifier(deps: { db: Db; config: ConfigStore; hall: Hall; log: Logger; trustedPushOrigins?: readonly string[]; hubUrl?: () => string | undefined }) {
  const { db, config, hall, log } = deps;
  const trustedPushOrigins = deps.trustedPushOrigins ?? [];
  if (!config.get('vapidKeys')) config.set('vapidKeys', newVapidKeys());
  const vapid = config.get<{ publicKey: string; privateKey: string }>('vapidKeys')!;

  /** The settings, the country code filled in from the hall's time zone where none was set. */
  const settings = (): NotifySettings => {
    const stored = NotifySettings.safeParse(config.get('notifySettings'));
    const s = stored.success ? stored.data : DEFAULT_NOTIFY_SETTINGS;
    const zone = countryCodeOfZone(hall.state.branch.timeZone);
    return s.countryCode !== undefined || zone === undefined ? s : { ...s, countryCode: zone };
  };
  const gateway = (): SmsGateway => {
    const sms = settings().sms;
    return sms.kind === 'http' ? httpGateway(sms) : simulatorGateway;
  };

  const insertSent = db.prepare('INSERT INTO notifications (at, day, channel, recipient, kind, lang, text, status, error) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
  const selectSent = db.prepare('SELECT id, at, channel, recipient AS "to", kind, lang, text, status, error FROM notifications WHERE recipient = ? ORDER BY id DESC LIMIT ?');
  const deleteSent = db.prepare('DELETE FROM notifications WHERE day < ?');
  const smsToday = db.prepare("SELECT COUNT(*) AS n FROM notifications WHERE recipient = ? AND day = ? AND channel = 'sms' AND status <> 'failed'");
  // A request's sent marks outlive the request: stopping and asking again never sends twice.
  const putRequest = db.prepare(`INSERT INTO notify_requests (ticket_id, day, lang, phone, push, sent, asks) VALUES (@ticketId, @day, @lang, @phone, @push, '', 1)
    ON CONFLICT(ticket_id) DO UPDATE SET lang = excluded.lang, phone = COALESCE(excluded.phone, phone), push = COALESCE(excluded.push, push), asks = asks + 1`);
  const getRequest = db.prepare('SELECT ticket_id AS ticketId, lang, phone, push, sent, asks FROM notify_requests WHERE ticket_id = ?');
  const allRequests = db.prepare('SELECT ticket_id AS ticketId, lang, phone, push, sent, asks FROM notify_requests WHERE day = ? AND (phone IS NOT NULL OR push IS NOT NULL)');
  const markSent = db.prepare('UPDATE notify_requests SET sent = ? WHERE ticket_id = ?');
  /** Stops a request: its phone number and subscription go, its sent marks and count of asks stay for the day. */
  const stopRequest = db.prepare('UPDATE notify_requests SET phone = NULL, push = NULL WHERE ticket_id = ? AND (phone IS NOT NULL OR push IS NOT NULL)');
  const deleteOldRequests = db.prepare('DELETE FROM notify_requests WHERE day < ?');
  // Phone numbers and subscriptions of requests whose ticket did not finish today (still waiting at closing).
  const stopOldRequests = db.prepare('UPDATE notify_requests SET phone = NULL, push = NULL WHERE day < ? AND (phone IS NOT NULL OR push IS NOT NULL)');

  type Row = { ticketId: string; lang: Lang; phone: string | null; push: string | null; sent: string; asks: number };

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
      // The request is built by web-push (VAPID JWT, aes128gcm encryption) and sent by
      // push-endpoint.ts (allow-listed services, public addresses, no redirects).
      // web-push is loaded on the first push only: a hall that never pushes does not carry it (13 MB).
      const { default: wp } = await import('web-push');
      // Checked again on every send: the allow-list may have changed since the subscription.
      const problem = pushEndpointProblem(sub.endpoint, settings().pushServices, trustedPushOrigins);
      if (problem) throw new Error(problem);
      const details = wp.generateRequestDetails(sub as webpush.PushSubscription, payload, {
        vapidDetails: { subject: 'mailto:hall@dawr.invalid', publicKey: vapid.publicKey, privateKey: vapid.privateKey },
        TTL: 900,
        urgency: kind === 'called' ? 'high' : 'normal',
      });
      const status = await sendPushRequest({ endpoint: details.endpoint, method: details.method, headers: details.headers as Record<string, string>, body: details.body ? new Uint8Array(details.body) : null }, trustedPushOrigins);
      if (status < 200 || status > 299) throw new Error(`the push service answered ${status}`);
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
    const cap = settings().smsPerNumberPerDay;
    if ((smsToday.get(to, hall.state.day) as { n: number }).n >= cap) {
      record('sms', to, kind, lang, text, 'failed', `not sent: ${cap} messages to this number today`);
      return false;
    }
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
    // The link a phone opens from the SMS: the hall's public address (notification settings), else the hub's own.
    const base = (settings().publicUrl ?? deps.hubUrl?.())?.replace(/\/$/, '');
    const text = messageText(kind, lang, { hall: hall.state.branch.name, digits: hall.state.branch.digits ?? 'arab', ...facts, ...(url && base ? { link: `${base}${url}` } : {}) });
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

  /** Checks one request against its ticket now; sends what is due. */
  function check(r: Row): void {
    const state = hall.state;
    const t = state.tickets.get(r.ticketId);
    const sent = new Set(r.sent.split(',').filter(Boolean));
    if (!t || t.status === 'done' || t.status === 'no_show' || t.status === 'cancelled') {
      stopRequest.run(r.ticketId);
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
    // A new business day: yesterday's requests (tickets still waiting at closing) lose their number at once.
    if (events.some((e) => e.type === 'day.opened')) stopOldRequests.run(hall.state.day);
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
    /** Why this number is refused (outside the hall's national plan), or undefined. */
    phoneProblem(phone: string): string | undefined {
      const s = settings();
      return phonePlanProblem(phone, s.countryCode, s.foreignNumbers);
    },
    /**
     * Asks for "your turn is near" and "called" for a ticket of today; checked at once. Refused
     * (ApiError) for a number outside the national plan, a push endpoint that is not a Web Push
     * service, or a ticket that asked too often; what was already sent for the ticket stays sent.
     */
    request(ticket: TicketRecord, req: { lang: Lang; phone?: string | undefined; push?: PushSubscriptionJson | undefined }) {
      const s = settings();
      const phoneProblem = req.phone ? phonePlanProblem(req.phone, s.countryCode, s.foreignNumbers) : undefined;
      if (phoneProblem) throw new ApiError('invalid_input', `body.phone: ${phoneProblem}`);
      const pushProblem = req.push ? pushEndpointProblem(req.push.endpoint, s.pushServices, trustedPushOrigins) : undefined;
      if (pushProblem) throw new ApiError('invalid_input', `body.push.endpoint: ${pushProblem}`);
      const before = getRequest.get(ticket.id) as Row | undefined;
      if (before && before.asks >= NOTIFY_ASKS_PER_TICKET) throw new ApiError('rate_limited', `this ticket has asked ${before.asks} times today: no more`);
      if (req.phone && (smsToday.get(req.phone, hall.state.day) as { n: number }).n >= s.smsPerNumberPerDay) {
        throw new ApiError('rate_limited', `this number has had ${s.smsPerNumberPerDay} messages today: no more today`);
      }
      putRequest.run({ ticketId: ticket.id, day: ticket.day, lang: req.lang, phone: req.phone ?? null, push: req.push ? JSON.stringify(req.push) : null });
      check(getRequest.get(ticket.id) as Row);
    },
    requestOf(ticketId: string): { sms: boolean; push: boolean } {
      const r = getRequest.get(ticketId) as Row | undefined;
      return { sms: Boolean(r?.phone), push: Boolean(r?.push) };
    },
    cancelRequest: (ticketId: string) => stopRequest.run(ticketId).changes > 0,
    sentTo: (to: string, limit = 100): SentNotification[] =>
      (selectSent.all(to, limit) as (Omit<SentNotification, 'error'> & { error: string | null })[]).map(({ error, ...n }) => ({ ...n, ...(error ? { error } : {}) })),
    /** Deletes the message log and the requests of days before `day` (retention). */
    purge: (beforeDay: string) => deleteSent.run(beforeDay).changes + deleteOldRequests.run(beforeDay).changes,
    /** At the day change: the numbers and subscriptions of yesterday's requests (tickets still waiting at closing) go at once. */
    endDay: (today: string) => stopOldRequests.run(today).changes,
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
