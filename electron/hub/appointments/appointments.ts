// Appointments (brief §11): booking rules per service, bookings with a 10-digit code, moving and
// cancelling before the cut-off, the day's list for staff, kiosk check-in that issues a ticket
// routing treats as due, appointments not checked in counted as missed, and the messages that go
// with them (booked, moved, cancelled, the reminder the day before).
//
// A booking is decided and written in one synchronous SQLite transaction: two citizens asking for
// the last place of a slot at once get one booking and one `slot_full`. Names and phone numbers
// stay in the hall, are never logged, and are emptied after the retention period.
import { createHash, randomInt } from 'node:crypto';
import { addDays, businessDay } from '../../../shared/domain/business-day.ts';
import { bookingRefusal, changeableUntil, checkInWindow, maxPerSlot, openSlots, zonedMs } from '../../../shared/domain/appointments.ts';
import { ticketView } from '../../../shared/domain/views.ts';
import {
  type Appointment, type AppointmentStatus, type BookBody, type BookingRule, BookingSettings, DEFAULT_BOOKING_RULE, DEFAULT_BOOKING_SETTINGS, type DayAppointments, type PendingBooking, type Slot,
} from '../../../shared/protocol/appointments.ts';
import type { Lang, Ticket } from '../../../shared/protocol/entities.ts';
import { ApiError } from '../../node-common/http/errors.ts';
import type { Logger } from '../../node-common/log.ts';
import type { Hall } from '../hall.ts';
import type { ConfigStore } from '../store/config-store.ts';
import type { Db } from '../store/database.ts';
import type { Actor } from '../../../shared/domain/commands.ts';
import { appointmentWhen } from '../notify/messages.ts';
import type { Notifier } from '../notify/notifier.ts';

interface Row {
  code: string;
  service_id: string;
  start_ms: number;
  day: string;
  name: string | null;
  phone: string | null;
  lang: Lang;
  status: AppointmentStatus;
  checked_in_at: string | null;
  ticket_number: string | null;
  reminded: number;
}

const initials = (name: string | null) => (name ?? '').split(/\s+/).filter(Boolean).map((w) => `${[...w][0]}.`).join(' ');
export const maskPhone = (phone: string | null) => (phone ? `${'•'.repeat(Math.max(0, phone.length - 3))}${phone.slice(-3)}` : '');
const iso = (ms: number) => new Date(ms).toISOString();

/** Extracts a booking code from what a scanner read (the booking page's URL in the QR) or what was typed. */
export function codeFrom(input: string): string | undefined {
  const digits = input.replace(/[\s-]/g, '');
  const m = /(\d{12}|\d{10})(?!.*\d)/.exec(digits);
  return m?.[1];
}

export type Appointments = ReturnType<typeof createAppointments>;

/** A booking as the public page asks for it (the phone number in the form `Phone` left it). */
export type NewBooking = Required<Omit<BookBody, 'lang'>> & { lang: Lang };

export function createAppointments(deps: { db: Db; config: ConfigStore; hall: Hall; notifier: Notifier; log: Logger }) {
  const { db, config, hall, notifier, log } = deps;
  const tz = () => hall.state.branch.timeZone;

  const q = {
    insert: db.prepare(`INSERT INTO appointments (code, service_id, start_ms, day, name, phone, lang, status, created_at, updated_at, reminded)
      VALUES (@code, @serviceId, @startMs, @day, @name, @phone, @lang, 'booked', @at, @at, @reminded)`),
    byCode: db.prepare('SELECT * FROM appointments WHERE code = ?'),
    bookedAt: db.prepare("SELECT COUNT(*) AS n FROM appointments WHERE service_id = ? AND start_ms = ? AND status IN ('booked', 'checked_in')"),
    bookedOn: db.prepare("SELECT start_ms AS start, COUNT(*) AS n FROM appointments WHERE service_id = ? AND day = ? AND status IN ('booked', 'checked_in') GROUP BY start_ms"),
    ofDay: db.prepare('SELECT * FROM appointments WHERE day = ? ORDER BY start_ms, created_at'),
    setStatus: db.prepare('UPDATE appointments SET status = @status, updated_at = @at WHERE code = @code AND status = @from'),
    move: db.prepare("UPDATE appointments SET start_ms = @startMs, day = @day, updated_at = @at, reminded = @reminded WHERE code = @code AND status = 'booked'"),
    checkedIn: db.prepare("UPDATE appointments SET ticket_id = @ticketId, ticket_number = @number, checked_in_at = @at, updated_at = @at WHERE code = @code"),
    missed: db.prepare("UPDATE appointments SET status = 'missed', updated_at = ? WHERE status = 'booked' AND service_id = ? AND start_ms < ?"),
    toRemind: db.prepare("SELECT * FROM appointments WHERE status = 'booked' AND reminded = 0 AND day = ?"),
    reminded: db.prepare('UPDATE appointments SET reminded = 1 WHERE code = ?'),
    purge: db.prepare('UPDATE appointments SET name = NULL, phone = NULL WHERE day < ? AND (name IS NOT NULL OR phone IS NOT NULL)'),
    // Cancelled ones by when they were cancelled; missed ones by their day (they were missed on it).
    purgeUnused: db.prepare(`UPDATE appointments SET name = NULL, phone = NULL WHERE (name IS NOT NULL OR phone IS NOT NULL)
      AND ((status = 'cancelled' AND updated_at < @cutoff) OR (status = 'missed' AND day < @beforeDay))`),
    // One number: its active booking of a service, and how many it made today.
    activeOf: db.prepare("SELECT start_ms AS start FROM appointments WHERE phone = ? AND service_id = ? AND status = 'booked' AND start_ms > ? LIMIT 1"),
    madeSince: db.prepare('SELECT COUNT(*) AS n FROM appointments WHERE phone = ? AND created_at >= ?'),
  };

  const settings = (): BookingSettings => {
    const s = BookingSettings.safeParse(config.get('bookingSettings'));
    return s.success ? s.data : DEFAULT_BOOKING_SETTINGS;
  };
  /** Bookings waiting for their number's code (in memory: a restart asks for a new code). */
  const pending = new Map<string, { body: NewBooking; codeHash: string; expiresAt: number; tries: number }>();
  const VERIFY_MS = 10 * 60_000;
  const hashCode = (code: string) => createHash('sha256').update(code).digest('hex');

  /** Why this number may not book this now (one active booking per service; the day's cap), or undefined. */
  function limitProblem(body: NewBooking, now: number): ApiError | undefined {
    const active = q.activeOf.get(body.phone, body.serviceId, now) as { start: number } | undefined;
    if (active) return new ApiError('conflict', `this number already has a booking for this service (${iso(active.start)}): move or cancel it with its code instead of booking another`);
    const today = zonedMs(businessDay(now, tz()), 0, tz());
    const made = (q.madeSince.get(body.phone, iso(today)) as { n: number }).n;
    if (made >= settings().perPhonePerDay) return new ApiError('rate_limited', `this number has made ${made} bookings today, the most a number may`);
    return undefined;
  }

  // --- rules ------------------------------------------------------------------------------------

  const storedRules = () => config.get<Record<string, BookingRule>>('bookingRules') ?? {};
  const countersServing = (serviceId: string) => [...hall.state.counters.values()].filter((c) => c.serviceIds.includes(serviceId)).length;
  function rules(): (BookingRule & { maxPerSlot: number })[] {
    const stored = storedRules();
    return [...hall.state.services.values()].map((s) => ({
      ...(stored[s.id] ?? { ...DEFAULT_BOOKING_RULE, serviceId: s.id, enabled: false }),
      maxPerSlot: maxPerSlot(countersServing(s.id)),
    }));
  }
  function ruleOf(serviceId: string): BookingRule {
    const service = hall.state.services.get(serviceId);
    const rule = storedRules()[serviceId];
    if (!service || !service.active || !rule?.enabled) throw new ApiError('not_found', 'this service takes no bookings');
    return rule;
  }
  function saveRule(rule: BookingRule): void {
    if (!hall.state.services.has(rule.serviceId)) throw new ApiError('not_found', `no service ${rule.serviceId}`);
    if (rule.to <= rule.from) throw new ApiError('invalid_input', 'the booking hours end before they start');
    const cap = maxPerSlot(countersServing(rule.serviceId));
    if (rule.perSlot > cap) throw new ApiError('invalid_input', `at most ${cap} per slot: half the counters that serve this service, so walk-ins keep the rest`);
    config.set('bookingRules', { ...storedRules(), [rule.serviceId]: { ...rule, weekdays: [...new Set(rule.weekdays)].sort() } });
  }

  // --- views ------------------------------------------------------------------------------------

  function view(r: Row): Appointment {
    const rule = storedRules()[r.service_id] ?? { ...DEFAULT_BOOKING_RULE, serviceId: r.service_id };
    const service = hall.state.services.get(r.service_id);
    return {
      code: r.code,
      serviceId: r.service_id,
      service: service?.name ?? { ar: r.service_id, en: r.service_id },
      start: iso(r.start_ms),
      end: iso(r.start_ms + rule.slotMinutes * 60_000),
      status: r.status,
      lang: r.lang,
      nameInitials: initials(r.name),
      phoneMasked: maskPhone(r.phone),
      changeableUntil: iso(changeableUntil(rule, r.start_ms)),
      checkInFrom: iso(r.start_ms - rule.checkInEarlyMinutes * 60_000),
      checkInUntil: iso(r.start_ms + rule.checkInLateMinutes * 60_000),
      url: `/book/${r.code}`,
    };
  }

  /** Booked appointments whose check-in window has closed become `missed` (the appointment no-shows). */
  function sweep(now = hall.now()): void {
    const stored = storedRules();
    const at = iso(now);
    for (const s of hall.state.services.values()) {
      const late = (stored[s.id] ?? DEFAULT_BOOKING_RULE).checkInLateMinutes;
      q.missed.run(at, s.id, now - late * 60_000);
    }
  }

  function find(code: string): Row {
    sweep();
    const r = q.byCode.get(code) as Row | undefined;
    if (!r) throw new ApiError('not_found', 'no appointment with this code');
    return r;
  }

  const factsOf = (r: Pick<Row, 'service_id' | 'start_ms' | 'code'>) => ({
    service: hall.state.services.get(r.service_id)?.name ?? { ar: r.service_id, en: r.service_id },
    when: appointmentWhen(r.start_ms, tz(), hall.state.branch.digits ?? 'arab'),
    code: r.code,
  });
  const tell = (r: Row, kind: 'booked' | 'moved' | 'cancelled' | 'reminder') => {
    if (!r.phone) return;
    void notifier.send({ phone: r.phone }, kind, r.lang, factsOf(r), `/book/${r.code}`).catch((err: Error) => log.warn({ kind, error: err.message }, 'an appointment message failed'));
  };
  /** A booking for today or tomorrow needs no reminder: its confirmation is recent. */
  const needsReminder = (startMs: number, now: number) => businessDay(startMs, tz()) > addDays(businessDay(now, tz()), 1);

  // --- public -------------------------------------------------------------------------------------

  function newCode(): string {
    for (;;) {
      let c = String(1 + randomInt(9));
      for (let i = 0; i < 11; i++) c += String(randomInt(10));
      if (!q.byCode.get(c)) return c;
    }
  }

  return {
    rules,
    saveRule,
    bookable: () => {
      const stored = storedRules();
      return [...hall.state.services.values()]
        .filter((s) => s.active && stored[s.id]?.enabled)
        .map((s) => ({ id: s.id, name: s.name, daysAhead: stored[s.id]!.daysAhead, slotMinutes: stored[s.id]!.slotMinutes }));
    },
    slots(serviceId: string, day: string): Slot[] {
      const rule = ruleOf(serviceId);
      const booked = new Map((q.bookedOn.all(serviceId, day) as { start: number; n: number }[]).map((r) => [r.start, r.n]));
      return openSlots(rule, day, tz(), hall.now(), booked, countersServing(serviceId), hall.state.branch.hours);
    },
    settings,
    saveSettings: (s: BookingSettings) => config.set('bookingSettings', s),
    /**
     * A citizen asks for a slot. With the hall's phone confirmation on, the slot is checked, a code
     * goes by SMS and nothing is held yet (`pending`); else the booking is made at once.
     */
    request(body: NewBooking): { booked: Appointment } | { pending: PendingBooking } {
      const now = hall.now();
      const limit = limitProblem(body, now);
      if (limit) throw limit;
      if (!settings().confirmPhone) return { booked: this.book(body) };
      const rule = ruleOf(body.serviceId);
      const startMs = Date.parse(body.start);
      const refusal = bookingRefusal(rule, startMs, tz(), now, (q.bookedAt.get(body.serviceId, startMs) as { n: number }).n, countersServing(body.serviceId), hall.state.branch.hours);
      if (refusal) throw new ApiError(refusal.code, refusal.message);
      for (const [k, p] of pending) if (p.expiresAt < now) pending.delete(k);
      const code = String(randomInt(1_000_000)).padStart(6, '0');
      const id = createHash('sha256').update(`${now}:${randomInt(2 ** 40)}:${body.phone}`).digest('base64url').slice(0, 22);
      pending.set(id, { body, codeHash: hashCode(code), expiresAt: now + VERIFY_MS, tries: 0 });
      if (pending.size > 5000) pending.delete(pending.keys().next().value!);
      void notifier.send({ phone: body.phone }, 'verify', body.lang, { code }).catch((err: Error) => log.warn({ error: err.message }, 'a booking code SMS failed'));
      return { pending: { verification: { id, phoneMasked: maskPhone(body.phone), expiresAt: iso(now + VERIFY_MS) } } };
    },
    /** The code from the SMS: the booking is made now (its slot may have gone meanwhile: slot_full). */
    confirm(id: string, code: string): Appointment {
      const now = hall.now();
      const p = pending.get(id);
      if (!p || p.expiresAt < now) throw new ApiError('not_found', 'this confirmation has expired or is unknown: book again to get a new code');
      if (p.tries >= 5) {
        pending.delete(id);
        throw new ApiError('rate_limited', 'too many wrong codes: book again to get a new one');
      }
      if (hashCode(code) !== p.codeHash) {
        p.tries++;
        throw new ApiError('invalid_input', 'the code is not the one sent to this number');
      }
      pending.delete(id);
      const limit = limitProblem(p.body, now);
      if (limit) throw limit;
      return this.book(p.body);
    },
    book(body: NewBooking): Appointment {
      const rule = ruleOf(body.serviceId);
      const startMs = Date.parse(body.start);
      const now = hall.now();
      const row = db.transaction(() => {
        const taken = (q.bookedAt.get(body.serviceId, startMs) as { n: number }).n;
        const refusal = bookingRefusal(rule, startMs, tz(), now, taken, countersServing(body.serviceId), hall.state.branch.hours);
        if (refusal) throw new ApiError(refusal.code, refusal.message);
        const code = newCode();
        q.insert.run({ code, serviceId: body.serviceId, startMs, day: businessDay(startMs, tz()), name: body.name, phone: body.phone, lang: body.lang, at: iso(now), reminded: needsReminder(startMs, now) ? 0 : 1 });
        return q.byCode.get(code) as Row;
      })();
      tell(row, 'booked');
      return view(row);
    },
    get: (code: string): Appointment => view(find(code)),
    move(code: string, start: string): Appointment {
      const now = hall.now();
      const startMs = Date.parse(start);
      const moved = db.transaction(() => {
        const r = find(code);
        if (r.status !== 'booked') throw new ApiError(r.status === 'cancelled' ? 'cancelled' : 'illegal_transition', `this appointment is ${r.status.replace('_', ' ')}: it cannot be moved`);
        const rule = ruleOf(r.service_id);
        if (now > changeableUntil(rule, r.start_ms)) throw new ApiError('past_cutoff', `appointments can be moved until ${rule.cancelCutoffMinutes} minutes before their time`);
        if (startMs === r.start_ms) return { row: r, changed: false };
        const taken = (q.bookedAt.get(r.service_id, startMs) as { n: number }).n;
        const refusal = bookingRefusal(rule, startMs, tz(), now, taken, countersServing(r.service_id), hall.state.branch.hours);
        if (refusal) throw new ApiError(refusal.code, refusal.message);
        q.move.run({ code, startMs, day: businessDay(startMs, tz()), at: iso(now), reminded: needsReminder(startMs, now) ? 0 : 1 });
        return { row: q.byCode.get(code) as Row, changed: true };
      })();
      if (moved.changed) tell(moved.row, 'moved');
      return view(moved.row);
    },
    cancel(code: string): Appointment {
      const now = hall.now();
      const r = find(code);
      if (r.status === 'cancelled') throw new ApiError('cancelled', 'this appointment is already cancelled');
      if (r.status !== 'booked') throw new ApiError('illegal_transition', `this appointment is ${r.status.replace('_', ' ')}: it cannot be cancelled`);
      const rule = storedRules()[r.service_id] ?? { ...DEFAULT_BOOKING_RULE, serviceId: r.service_id };
      if (now > changeableUntil(rule, r.start_ms)) throw new ApiError('past_cutoff', `appointments can be cancelled until ${rule.cancelCutoffMinutes} minutes before their time`);
      q.setStatus.run({ code, status: 'cancelled', from: 'booked', at: iso(now) });
      const after = q.byCode.get(code) as Row;
      tell(after, 'cancelled');
      return view(after);
    },

    /** The kiosk's check-in: a ticket of the appointment's service, due from the slot's start. */
    async checkIn(input: string, actor: Actor): Promise<{ ticket: Ticket; appointment: { start: string; serviceId: string } }> {
      const code = codeFrom(input);
      if (!code) throw new ApiError('invalid_input', 'not a booking code: 12 digits, or the QR code of the booking');
      const r = find(code);
      if (r.status === 'cancelled') throw new ApiError('cancelled', 'this appointment was cancelled');
      if (r.status === 'checked_in') throw new ApiError('already_checked_in', `this appointment is already checked in (ticket ${r.ticket_number ?? ''})`.trim());
      if (r.status === 'missed') throw new ApiError('too_late', 'the time to check in for this appointment has passed');
      const rule = storedRules()[r.service_id] ?? { ...DEFAULT_BOOKING_RULE, serviceId: r.service_id };
      const now = hall.now();
      const window = checkInWindow(rule, r.start_ms, now);
      if (window === 'early') throw new ApiError('too_early', `check-in opens at ${iso(r.start_ms - rule.checkInEarlyMinutes * 60_000)}`);
      if (window === 'late') throw new ApiError('too_late', 'the time to check in for this appointment has passed');
      // Claimed synchronously before the ticket is issued: a second check-in of the same code
      // finds it taken; a refused issue gives it back.
      if (q.setStatus.run({ code, status: 'checked_in', from: 'booked', at: iso(now) }).changes !== 1) {
        throw new ApiError('already_checked_in', 'this appointment is already checked in');
      }
      const out = await hall.execute({ type: 'issue', serviceId: r.service_id, lang: r.lang, priority: 'appointment', identityVerified: false, dueAt: iso(r.start_ms) }, actor).catch((err: unknown) => ({ ok: false as const, error: { code: 'internal' as const, message: (err as Error).message } }));
      if (!out.ok) {
        q.setStatus.run({ code, status: 'booked', from: 'checked_in', at: iso(now) });
        throw new ApiError(out.error.code, out.error.message);
      }
      const issued = out.events.find((e) => e.type === 'ticket.issued');
      if (!issued || issued.type !== 'ticket.issued') throw new ApiError('internal', 'no ticket was issued');
      q.checkedIn.run({ code, ticketId: issued.ticket.id, number: issued.ticket.number, at: iso(now) });
      return { ticket: ticketView(hall.state, issued.ticket.id, hall.now())!, appointment: { start: iso(r.start_ms), serviceId: r.service_id } };
    },

    /** A day's appointments for staff; `withCodes` (supervisor and above) adds the booking codes. */
    day(day: string, withCodes = false): DayAppointments {
      sweep();
      const rows = q.ofDay.all(day) as Row[];
      const counts = { booked: 0, checked_in: 0, cancelled: 0, missed: 0 };
      for (const r of rows) counts[r.status]++;
      return {
        date: day,
        counts,
        appointments: rows.map((r) => ({
          key: createHash('sha256').update(r.code).digest('hex').slice(0, 12),
          ...(withCodes ? { code: r.code } : {}),
          serviceId: r.service_id,
          start: iso(r.start_ms),
          status: r.status,
          name: r.name ?? '',
          phoneMasked: maskPhone(r.phone),
          ...(r.ticket_number ? { ticketNumber: r.ticket_number } : {}),
          ...(r.checked_in_at ? { checkedInAt: r.checked_in_at } : {}),
        })),
      };
    },

    /** Sends the day-before reminders once the local reminder hour has come; marks missed ones. */
    tick(): void {
      const now = hall.now();
      sweep(now);
      const hour = Number(new Intl.DateTimeFormat('en-GB', { timeZone: tz(), hour: '2-digit', hourCycle: 'h23' }).format(new Date(now)));
      if (hour < notifier.settings().reminderHour) return;
      const tomorrow = addDays(businessDay(now, tz()), 1);
      for (const r of q.toRemind.all(tomorrow) as Row[]) {
        q.reminded.run(r.code);
        tell(r, 'reminder');
      }
    },
    /**
     * Empties the names and phone numbers of appointments of days before `beforeDay` (retention),
     * and of cancelled ones cancelled before `unused.cutoff` and missed ones of days before `unused.beforeDay`.
     */
    purge: (beforeDay: string, unused?: { cutoff: string; beforeDay: string }) => q.purge.run(beforeDay).changes + (unused ? q.purgeUnused.run(unused).changes : 0),
  };
}
