// Appointments, kiosk check-in and the citizen's notifications (brief §11): the API's bodies and
// answers. Booking codes, names and phone numbers are personal data: they stay in the hall (never
// in the event log, never sent to central) and are deleted after the retention period.
import { z } from 'zod';
import { I18nText, Id, Lang, Ticket } from './entities.ts';
import { humanText } from './text.ts';

const HHMM = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'a time HH:MM');
export const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD');

/**
 * When one service takes bookings. `perSlot` is capped at half the counters that serve the service
 * (at least 1), so walk-ins always keep the other half. Times are the hall's local time.
 */
export const BookingRule = z.object({
  serviceId: Id,
  enabled: z.boolean(),
  /** Weekdays that take bookings, 0 = Sunday … 6 = Saturday. */
  weekdays: z.array(z.number().int().min(0).max(6)).max(7),
  from: HHMM,
  to: HHMM,
  slotMinutes: z.number().int().min(5).max(240),
  perSlot: z.number().int().min(1).max(50),
  /** How many days ahead a slot can be booked (1 = tomorrow at most). */
  daysAhead: z.number().int().min(0).max(90),
  /** No cancelling or moving later than this many minutes before the slot. */
  cancelCutoffMinutes: z.number().int().min(0).max(2880),
  /** Check-in at the kiosk opens this many minutes before the slot and closes this many after its start. */
  checkInEarlyMinutes: z.number().int().min(0).max(240),
  checkInLateMinutes: z.number().int().min(0).max(240),
}).strict();
export type BookingRule = z.infer<typeof BookingRule>;

export const DEFAULT_BOOKING_RULE: Omit<BookingRule, 'serviceId'> = {
  enabled: true,
  weekdays: [0, 1, 2, 3, 4],
  from: '08:00',
  to: '13:00',
  slotMinutes: 15,
  perSlot: 1,
  daysAhead: 14,
  cancelCutoffMinutes: 60,
  checkInEarlyMinutes: 30,
  checkInLateMinutes: 15,
};

/** A bookable service for the public booking page. */
export const BookableService = z.object({ id: z.string(), name: I18nText, daysAhead: z.number().int(), slotMinutes: z.number().int() });
export const Slot = z.object({ start: z.string(), end: z.string(), free: z.number().int() });
export type Slot = z.infer<typeof Slot>;
export const SlotsQuery = z.object({ service: Id, date: Day }).strict();
export const SlotsResponse = z.object({ serviceId: z.string(), date: z.string(), timeZone: z.string(), slots: z.array(Slot) });
export type SlotsResponse = z.infer<typeof SlotsResponse>;

/** A phone number as people type it: digits with an optional leading +, spaces and dashes allowed; 8–15 digits. */
export const Phone = z.string().max(24).transform((s) => s.replace(/[\s-]/g, '')).pipe(z.string().regex(/^\+?\d{8,15}$/, 'a phone number: 8 to 15 digits, an optional leading +'));

export const BookBody = z.object({
  serviceId: Id,
  start: z.string().datetime({ offset: true }),
  name: humanText({ min: 2, max: 80 }),
  phone: Phone,
  lang: Lang.default('ar'),
}).strict();
export type BookBody = z.input<typeof BookBody>;
export const MoveBody = z.object({ start: z.string().datetime({ offset: true }) }).strict();

/**
 * How a hall guards its bookings: a one-time code by SMS confirms the phone number before a slot
 * is held (on by default; the demo hall has it off), and a number may make at most this many
 * bookings a day (besides one active booking per service).
 */
export const BookingSettings = z.object({
  confirmPhone: z.boolean(),
  perPhonePerDay: z.number().int().min(1).max(20),
}).strict();
export type BookingSettings = z.infer<typeof BookingSettings>;
export const DEFAULT_BOOKING_SETTINGS: BookingSettings = { confirmPhone: true, perPhonePerDay: 3 };

/** A booking waiting for its phone number to be confirmed: the code went by SMS, the slot is not held yet. */
export const PendingBooking = z.object({
  verification: z.object({ id: z.string(), phoneMasked: z.string(), expiresAt: z.string() }),
});
export type PendingBooking = z.infer<typeof PendingBooking>;
export const ConfirmBookingBody = z.object({ id: z.string().min(8).max(64), code: z.string().regex(/^\d{6}$/, 'the 6-digit code from the SMS') }).strict();

export const AppointmentStatus = z.enum(['booked', 'checked_in', 'cancelled', 'missed']);
export type AppointmentStatus = z.infer<typeof AppointmentStatus>;
/**
 * The booking code: 12 digits (40 bits: a stranger guessing codes meets the guess budget long
 * before a booking), easy to type on a phone or the kiosk's keypad; shown as `1234 5678 9012`.
 * Codes given before 2026-12 had 10 digits (`12345 67890`) and are still taken.
 */
export const BookingCode = z.string().transform((s) => s.replace(/[\s-]/g, '')).pipe(z.string().regex(/^(\d{12}|\d{10})$/, 'a booking code of 12 digits'));
/** A booking code as people read it: `1234 5678 9012` (an older 10-digit one: `12345 67890`). */
export const groupBookingCode = (code: string): string => (code.length === 10 ? `${code.slice(0, 5)} ${code.slice(5)}` : code.replace(/(\d{4})(?=\d)/g, '$1 '));
export const CodeParams = z.object({ code: BookingCode });

/** What the holder of a booking code sees (the code is the key; the name is shown masked). */
export const Appointment = z.object({
  code: z.string(),
  serviceId: z.string(),
  service: I18nText,
  start: z.string(),
  end: z.string(),
  status: AppointmentStatus,
  lang: Lang,
  /** First letter of each word, e.g. `M. A.` */
  nameInitials: z.string(),
  /** Masked, e.g. `•••••••123`. */
  phoneMasked: z.string(),
  /** Until when it may still be cancelled or moved. */
  changeableUntil: z.string(),
  checkInFrom: z.string(),
  checkInUntil: z.string(),
  /** The page to manage it (also what its QR code holds). */
  url: z.string(),
});
export type Appointment = z.infer<typeof Appointment>;

/**
 * A staff member's view of one appointment of the day (name shown; phone masked). `key` is a stable
 * opaque id; the booking `code` — enough to move or cancel it on the public page — only for a
 * supervisor, manager or admin (who may help a citizen who lost it), never for a clerk.
 */
export const StaffAppointment = z.object({
  key: z.string(),
  code: z.string().optional(),
  serviceId: z.string(),
  start: z.string(),
  status: AppointmentStatus,
  name: z.string(),
  phoneMasked: z.string(),
  ticketNumber: z.string().optional(),
  checkedInAt: z.string().optional(),
});
export const DayAppointments = z.object({
  date: z.string(),
  appointments: z.array(StaffAppointment),
  counts: z.object({ booked: z.number().int(), checked_in: z.number().int(), cancelled: z.number().int(), missed: z.number().int() }),
});
export type DayAppointments = z.infer<typeof DayAppointments>;
export const DayQuery = z.object({ date: Day.optional() }).strict();

export const CheckInBody = z.object({ code: z.string().max(300) }).strict();
export const CheckInResponse = z.object({ ticket: Ticket, appointment: z.object({ start: z.string(), serviceId: z.string() }) });

/** A Web Push subscription as the browser's PushManager gives it. */
export const PushSubscriptionBody = z.object({
  endpoint: z.string().url().max(1000),
  expirationTime: z.number().nullable().optional(),
  keys: z.object({ p256dh: z.string().min(20).max(200), auth: z.string().min(8).max(100) }),
});
export const NotifyBody = z.object({
  lang: Lang.default('ar'),
  phone: Phone.optional(),
  push: PushSubscriptionBody.optional(),
}).strict().refine((b) => b.phone !== undefined || b.push !== undefined, 'give a phone number, a push subscription, or both');
export const NotifyState = z.object({ sms: z.boolean(), push: z.boolean(), aheadThreshold: z.number().int() });
export const PushKey = z.object({ publicKey: z.string() });

export const NotificationKind = z.enum(['ahead', 'called', 'booked', 'reminder', 'moved', 'cancelled', 'answered', 'verify']);
export type NotificationKind = z.infer<typeof NotificationKind>;
export const SentNotification = z.object({
  id: z.number().int(),
  at: z.string(),
  channel: z.enum(['sms', 'push']),
  to: z.string(),
  kind: NotificationKind,
  lang: Lang,
  text: z.string(),
  /** `recorded` by the simulator, `sent` to the gateway, or `failed` (with why). */
  status: z.enum(['recorded', 'sent', 'failed']),
  error: z.string().optional(),
});
export type SentNotification = z.infer<typeof SentNotification>;
export const NotificationsQuery = z.object({ to: Phone, limit: z.coerce.number().int().min(1).max(500).optional() }).strict();

/** The SMS gateway: the local simulator (records only), or an HTTP operator. */
export const SmsSettings = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('simulator') }).strict(),
  z.object({
    kind: z.literal('http'),
    url: z.string().url().max(500),
    /** JSON body template; `{{to}}` and `{{text}}` are replaced (JSON-escaped). */
    template: z.string().max(2000).default('{"to":"{{to}}","text":"{{text}}"}'),
    /** Sent as `Authorization: Bearer …` when given. */
    token: z.string().max(500).optional(),
  }).strict(),
]);
export type SmsSettings = z.infer<typeof SmsSettings>;
/**
 * The Web Push services a citizen's subscription may point at: the browsers' own (Chrome and Edge
 * on Android, Opera: FCM; Firefox: Mozilla's autopush; Safari: Apple; Edge on Windows: WNS).
 * A host name, or `*.` and a domain for any of its sub-domains.
 */
export const DEFAULT_PUSH_SERVICES = [
  'fcm.googleapis.com', 'android.googleapis.com', 'updates.push.services.mozilla.com', '*.push.services.mozilla.com', 'web.push.apple.com', '*.push.apple.com', '*.notify.windows.com',
];
const HostPattern = z.string().max(200).regex(/^(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)+$/, 'a host name, or *.domain for its sub-domains');

export const NotifySettings = z.object({
  sms: SmsSettings,
  /** "Your turn is near" when this many or fewer are ahead. */
  aheadThreshold: z.number().int().min(1).max(20),
  /** Local hour the day-before reminders go out. */
  reminderHour: z.number().int().min(0).max(23),
  /** Where push subscriptions may point (https only; never a private, loopback or link-local address). */
  pushServices: z.array(HostPattern).max(30).default(DEFAULT_PUSH_SERVICES),
  /**
   * The hall's country calling code: numbers are taken in their national form (0…) or with this
   * code (+966…, 00966…). Unset: from the hall's time zone.
   */
  countryCode: z.string().regex(/^[1-9]\d{0,2}$/, 'a country calling code: 1 to 3 digits').optional(),
  /** Take numbers of other countries too (off: a stranger cannot make the hall text abroad). */
  foreignNumbers: z.boolean().default(false),
  /** SMS to one number in one day, every kind together; beyond it nothing more is sent that day. */
  smsPerNumberPerDay: z.number().int().min(1).max(100).default(10),
  /** The address citizens' phones reach the hall's pages at (the links in SMS); unset: the hub's own. */
  publicUrl: z.string().url().max(300).refine((u) => /^https?:\/\//.test(u), 'an http(s) address').optional(),
}).strict();
export type NotifySettings = z.infer<typeof NotifySettings>;
export const DEFAULT_NOTIFY_SETTINGS: NotifySettings = { sms: { kind: 'simulator' }, aheadThreshold: 3, reminderHour: 17, pushServices: DEFAULT_PUSH_SERVICES, foreignNumbers: false, smsPerNumberPerDay: 10 };

/** Asks to be told ("tell me when my turn nears") one ticket may make in its day. */
export const NOTIFY_ASKS_PER_TICKET = 5;

/** The calling code of the country a hall's time zone is in (the region Dawr serves); undefined elsewhere. */
const COUNTRY_OF_ZONE: Record<string, string> = {
  'Asia/Riyadh': '966', 'Asia/Damascus': '963', 'Asia/Dubai': '971', 'Asia/Kuwait': '965', 'Asia/Qatar': '974', 'Asia/Bahrain': '973', 'Asia/Muscat': '968',
  'Asia/Amman': '962', 'Asia/Beirut': '961', 'Asia/Baghdad': '964', 'Asia/Hebron': '970', 'Asia/Gaza': '970', 'Asia/Aden': '967', 'Africa/Cairo': '20',
  'Africa/Khartoum': '249', 'Africa/Tripoli': '218', 'Africa/Tunis': '216', 'Africa/Algiers': '213', 'Africa/Casablanca': '212', 'Africa/Nouakchott': '222', 'Europe/Istanbul': '90',
};
export const countryCodeOfZone = (timeZone: string): string | undefined => COUNTRY_OF_ZONE[timeZone];

/**
 * Why a phone number (as `Phone` leaves it: digits, an optional +) is outside the hall's national
 * plan, or undefined when it is inside: the national form (a single leading 0), or the country's
 * code after + or 00. `countryCode` undefined: only the national form.
 */
export function phonePlanProblem(phone: string, countryCode: string | undefined, foreign: boolean): string | undefined {
  if (foreign) return undefined;
  if (/^0[1-9]/.test(phone)) return undefined;
  const international = phone.startsWith('+') ? phone.slice(1) : phone.startsWith('00') ? phone.slice(2) : undefined;
  if (international !== undefined && countryCode && international.startsWith(countryCode)) return undefined;
  return countryCode ? `only numbers of this hall's country: 0… or +${countryCode}…` : "only numbers in the country's own form: 0…";
}

