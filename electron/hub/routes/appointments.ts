// The citizen's side (brief §11): public booking (slots, book, look up, move, cancel), the kiosk's
// check-in, "tell me when my turn nears" from the tracking page, and for staff the day's
// appointments, the booking rules, the notification settings and the messages sent to a number.
// Public routes are rate-limited per address; a booking code is the only key to a booking.
import { z } from 'zod';
import { businessDay } from '../../../shared/domain/business-day.ts';
import {
  Appointment, BookableService, BookBody, BookingRule, BookingSettings, CheckInBody, ConfirmBookingBody, PendingBooking, CheckInResponse, CodeParams, DayAppointments, DayQuery, MoveBody, NotificationsQuery,
  NotifyBody, NotifySettings, NotifyState, PushKey, SentNotification, SlotsQuery, SlotsResponse,
} from '../../../shared/protocol/appointments.ts';
import { Branch, Id } from '../../../shared/protocol/entities.ts';
import { type HubContext, audit } from '../context.ts';
import type { Api } from '../http/api.ts';
import { ApiError } from '../../node-common/http/errors.ts';
import type { Appointments } from '../appointments/appointments.ts';
import type { Notifier } from '../notify/notifier.ts';
import type { AuditAction } from '../../../shared/protocol/audit.ts';

const PER_MINUTE = (max: number) => ({ max, timeWindow: 60_000 });
const TrackParams = z.object({ code: z.string().regex(/^[0-9A-Z]{6,16}$/, 'a tracking code') });

export function appointmentRoutes(api: Api, ctx: HubContext, appointments: Appointments, notifier: Notifier): void {
  const { hall } = ctx;

  api.route(
    { method: 'GET', url: '/api/v1/public/booking', summary: 'The hall and the services that take bookings (public)', access: 'public', responses: { 200: z.object({ branch: Branch, services: z.array(BookableService) }) }, rateLimit: PER_MINUTE(120) },
    () => ({ branch: hall.state.branch, services: appointments.bookable() }),
  );
  api.route(
    { method: 'GET', url: '/api/v1/public/slots', summary: "A service's bookable slots on a date (hall's local date), with their free places", access: 'public', query: SlotsQuery, responses: { 200: SlotsResponse }, rateLimit: PER_MINUTE(120) },
    ({ query }) => ({ serviceId: query.service, date: query.date, timeZone: hall.state.branch.timeZone, slots: appointments.slots(query.service, query.date) }),
  );
  api.route(
    {
      method: 'POST', url: '/api/v1/public/appointments',
      summary: "Book a slot (no account; a number of the hall's country; one active booking per number and service, and a cap a day). When the hall confirms numbers: 202 and a 6-digit code by SMS, the slot not held until POST …/confirm; else 201 and the booking code, the confirmation by SMS",
      access: 'public', body: BookBody, responses: { 201: Appointment, 202: PendingBooking }, rateLimit: PER_MINUTE(10),
    },
    ({ body, reply }) => {
      const phoneProblem = notifier.phoneProblem(body.phone);
      if (phoneProblem) throw new ApiError('invalid_input', `body.phone: ${phoneProblem}`);
      const r = appointments.request({ serviceId: body.serviceId, start: body.start, name: body.name, phone: body.phone, lang: body.lang });
      if ('pending' in r) {
        reply.code(202);
        return r.pending;
      }
      reply.code(201);
      return r.booked;
    },
  );
  api.route(
    {
      method: 'POST', url: '/api/v1/public/appointments/confirm',
      summary: 'Confirm a booking with the code the SMS brought (5 tries, 10 minutes): 201 and the booking code, or slot_full if the slot went meanwhile',
      access: 'public', body: ConfirmBookingBody, responses: { 201: Appointment }, rateLimit: PER_MINUTE(10),
    },
    ({ body, reply }) => {
      const booked = appointments.confirm(body.id, body.code);
      reply.code(201);
      return booked;
    },
  );
  api.route(
    { method: 'GET', url: '/api/v1/admin/booking-settings', summary: "How bookings are guarded: phone numbers confirmed by an SMS code, bookings a number may make a day", access: ['manager', 'admin'], responses: { 200: BookingSettings } },
    () => appointments.settings(),
  );
  api.route(
    { method: 'PUT', url: '/api/v1/admin/booking-settings', summary: 'Set how bookings are guarded', access: ['manager', 'admin'], body: BookingSettings, responses: { 200: BookingSettings } },
    ({ body, principal }) => {
      appointments.saveSettings(body);
      audit(ctx, principal, 'booking-settings.saved', undefined, JSON.stringify({ confirmPhone: body.confirmPhone, perPhonePerDay: body.perPhonePerDay }));
      return body;
    },
  );
  api.route(
    { method: 'GET', url: '/api/v1/public/appointments/:code', summary: 'One booking by its code (name as initials, phone masked)', access: 'public', params: CodeParams, responses: { 200: Appointment }, rateLimit: PER_MINUTE(30), secretParam: 'code' },
    ({ params }) => appointments.get(params.code),
  );
  api.route(
    { method: 'POST', url: '/api/v1/public/appointments/:code/move', summary: 'Move a booking to another slot of its service (before the cut-off; audited with the address)', access: 'public', params: CodeParams, body: MoveBody, responses: { 200: Appointment }, rateLimit: PER_MINUTE(10), secretParam: 'code' },
    ({ params, body, req }) => {
      const out = appointments.move(params.code, body.start);
      citizenAudit(req.ip, 'appointment.moved', out);
      return out;
    },
  );
  api.route(
    { method: 'DELETE', url: '/api/v1/public/appointments/:code', summary: 'Cancel a booking (before the cut-off; audited with the address)', access: 'public', params: CodeParams, responses: { 200: Appointment }, rateLimit: PER_MINUTE(10), secretParam: 'code' },
    ({ params, req }) => {
      const out = appointments.cancel(params.code);
      citizenAudit(req.ip, 'appointment.cancelled', out);
      return out;
    },
  );

  api.route(
    {
      method: 'POST', url: '/api/v1/kiosk/check-in', summary: "Check in an appointment at the kiosk (the scanned QR or the typed code): a ticket routing treats as due from the slot's start. Refusals: too_early, too_late, cancelled, already_checked_in, not_found",
      access: ['kiosk', 'supervisor', 'admin'], body: CheckInBody, responses: { 201: CheckInResponse }, rateLimit: PER_MINUTE(ctx.issuePerMinute),
    },
    async ({ body, principal, reply }) => {
      // Like issuing a ticket, the answer carries the tracking code: the kiosk prints it as the QR.
      const out = await appointments.checkIn(body.code, { id: principal.id, role: principal.role });
      reply.code(201);
      return out;
    },
  );

  api.route(
    { method: 'GET', url: '/api/v1/appointments', summary: "A day's appointments (default today) with their counts: booked, checked in, cancelled, missed; the booking codes for a supervisor, manager or admin only", access: ['clerk', 'supervisor', 'manager', 'admin'], query: DayQuery, responses: { 200: DayAppointments } },
    ({ query, principal }) => appointments.day(query.date ?? businessDay(hall.now(), hall.state.branch.timeZone), principal.role !== 'clerk'),
  );
  api.route(
    { method: 'GET', url: '/api/v1/admin/booking-rules', summary: "Every service's booking rule, with the most places per slot it may give", access: ['manager', 'admin'], responses: { 200: z.array(BookingRule.extend({ maxPerSlot: z.number().int() })) } },
    () => appointments.rules(),
  );
  api.route(
    { method: 'PUT', url: '/api/v1/admin/booking-rules/:serviceId', summary: "Set a service's booking rule (places per slot at most half its counters)", access: ['manager', 'admin'], params: z.object({ serviceId: Id }), body: BookingRule, responses: { 200: BookingRule } },
    ({ params, body, principal }) => {
      if (body.serviceId !== params.serviceId) throw new ApiError('invalid_input', 'serviceId in the body differs from the path');
      appointments.saveRule(body);
      audit(ctx, principal, 'booking-rule.saved', body.serviceId, JSON.stringify(body.enabled ? { hours: `${body.from}–${body.to}`, perSlot: body.perSlot } : { enabled: false }));
      return body;
    },
  );

  api.route({ method: 'GET', url: '/api/v1/admin/notify-settings', summary: 'Notification settings: the SMS gateway, "ahead" threshold, reminder hour', access: ['admin'], responses: { 200: NotifySettings } }, () => notifier.settings());
  api.route(
    { method: 'PUT', url: '/api/v1/admin/notify-settings', summary: 'Change the notification settings', access: ['admin'], body: NotifySettings, responses: { 200: NotifySettings } },
    ({ body, principal }) => {
      notifier.saveSettings(body);
      audit(ctx, principal, 'notify-settings.saved', undefined, JSON.stringify({ sms: body.sms.kind }));
      return body;
    },
  );
  api.route(
    { method: 'GET', url: '/api/v1/admin/notifications', summary: 'The messages sent to a phone number (or recorded by the SMS simulator), newest first, with their text', access: ['admin'], query: NotificationsQuery, responses: { 200: z.array(SentNotification) } },
    ({ query }) => notifier.sentTo(query.to, query.limit ?? 100),
  );

  // --- "tell me when my turn nears" ----------------------------------------------------------------

  /** A citizen's change through the public page: audited with the address it came from (the code is not written down). */
  const citizenAudit = (address: string, action: AuditAction, a: { serviceId: string; start: string }) =>
    ctx.audit.record({ at: new Date(hall.now()).toISOString(), actor: `ip:${address}`, action, target: a.serviceId, detail: a.start });

  const ticketByCode = (code: string) => {
    for (const t of hall.state.tickets.values()) if (t.trackingCode === code) return t;
    throw new ApiError('not_found', 'no ticket with this code today');
  };
  api.route({ method: 'GET', url: '/api/v1/public/push-key', summary: "The hub's VAPID public key, for a Web Push subscription", access: 'public', responses: { 200: PushKey } }, () => ({ publicKey: notifier.pushPublicKey() }));
  api.route(
    { method: 'GET', url: '/api/v1/track/:code/notify', summary: 'Whether this ticket asked to be told (SMS, push) and when ("ahead" threshold)', access: 'public', params: TrackParams, responses: { 200: NotifyState }, rateLimit: PER_MINUTE(60), secretParam: 'code' },
    ({ params }) => ({ ...notifier.requestOf(ticketByCode(params.code).id), aheadThreshold: notifier.settings().aheadThreshold }),
  );
  api.route(
    { method: 'POST', url: '/api/v1/track/:code/notify', summary: 'Ask to be told when the turn nears and when called: by SMS, Web Push or both (kept until the ticket is finished)', access: 'public', params: TrackParams, body: NotifyBody, responses: { 200: NotifyState }, rateLimit: PER_MINUTE(10), secretParam: 'code' },
    ({ params, body }) => {
      const t = ticketByCode(params.code);
      if (t.status !== 'waiting') throw new ApiError('illegal_transition', `ticket ${t.number} is ${t.status}: nothing left to tell`);
      notifier.request(t, { lang: body.lang, phone: body.phone, push: body.push });
      return { ...notifier.requestOf(t.id), aheadThreshold: notifier.settings().aheadThreshold };
    },
  );
  api.route(
    { method: 'DELETE', url: '/api/v1/track/:code/notify', summary: 'Stop the messages for this ticket (the phone number is deleted)', access: 'public', params: TrackParams, responses: { 204: null }, rateLimit: PER_MINUTE(10), secretParam: 'code' },
    ({ params, reply }) => {
      notifier.cancelRequest(ticketByCode(params.code).id);
      reply.code(204);
      return undefined;
    },
  );
}
