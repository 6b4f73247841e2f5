// The entities every layer shares: one zod schema each, the TypeScript type inferred from it.
import { z } from 'zod';
import { humanText } from './text.ts';
import { OpeningHours } from './opening-hours.ts';

export const Lang = z.enum(['ar', 'en']);
export type Lang = z.infer<typeof Lang>;

export const I18nText = z.object({ ar: humanText({ max: 200 }), en: humanText({ max: 200 }) });
export type I18nText = z.infer<typeof I18nText>;

export const Id = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, - and _ only');

export const TicketStatus = z.enum(['waiting', 'called', 'serving', 'parked', 'done', 'no_show', 'cancelled']);
export type TicketStatus = z.infer<typeof TicketStatus>;

/** A declared need that weights a ticket up in call-next; `appointment` is a checked-in, due appointment. */
export const Priority = z.enum(['none', 'elderly', 'disability', 'pregnancy', 'appointment']);
export type Priority = z.infer<typeof Priority>;

export const Service = z.object({
  id: Id,
  prefix: z.string().regex(/^[A-Z]$/, 'one capital letter A–Z'),
  name: I18nText,
  category: humanText({ max: 64 }),
  targetWaitMinutes: z.number().int().min(1).max(600),
  active: z.boolean(),
});
export type Service = z.infer<typeof Service>;

export const CounterState = z.enum(['closed', 'open', 'break']);
export type CounterState = z.infer<typeof CounterState>;

export const Counter = z.object({
  id: Id,
  number: z.number().int().min(1).max(999),
  name: I18nText,
  serviceIds: z.array(Id),
  state: CounterState,
  clerkId: z.string().optional(),
  /** The ticket called or being served at this counter now. */
  ticketId: z.string().optional(),
});
export type Counter = z.infer<typeof Counter>;

export const ExpectedWait = z.object({
  minMinutes: z.number().int().min(0),
  maxMinutes: z.number().int().min(0),
});
export type ExpectedWait = z.infer<typeof ExpectedWait>;

/** A ticket as the API shows it. Never carries an ID number; `identityVerified` only says a card or finger was checked. */
export const Ticket = z.object({
  id: z.string(),
  /** Shown form, e.g. `A-042`. */
  number: z.string(),
  serviceId: z.string(),
  status: TicketStatus,
  priority: Priority,
  lang: Lang,
  issuedAt: z.string(),
  /** Business day in the branch's time zone, `YYYY-MM-DD`. */
  day: z.string(),
  calledAt: z.string().optional(),
  startedAt: z.string().optional(),
  finishedAt: z.string().optional(),
  counterId: z.string().optional(),
  recalls: z.number().int(),
  outcome: z.string().optional(),
  note: z.string().optional(),
  /** Services this ticket was transferred from, oldest first. */
  transferredFrom: z.array(z.string()),
  identityVerified: z.boolean(),
  position: z.number().int().optional(),
  expectedWait: ExpectedWait.optional(),
  /** The citizen's key to the tracking page: staff and the issuing kiosk see it, hall screens never. */
  trackingCode: z.string().optional(),
  /** A checked-in appointment: its slot's start (ISO). From then routing treats the ticket as due (routing.ts). */
  dueAt: z.string().optional(),
  /** Transferred to one counter: only that counter calls it (routing.ts `callableAt`); cleared when called. */
  targetCounterId: z.string().optional(),
  /** Transferred to one clerk: only the counter that clerk is signed in at calls it; cleared when called. */
  targetClerkId: z.string().optional(),
  /** The transferring clerk's note for the next clerk: personal (staff only, never a device; purged with retention). */
  transferNote: z.string().optional(),
  /** The counter its last transfer was made at (absent after a supervisor's move from the dashboard). */
  sentFromCounterId: z.string().optional(),
});
export type Ticket = z.infer<typeof Ticket>;

/**
 * How a visit ended, as the counter records it: one of five codes, never free text (free text about
 * a citizen's case is a note, which is personal and stays in the hall).
 */
export const OUTCOMES = ['completed', 'documents_missing', 'referred', 'rejected', 'information'] as const;
export const Outcome = z.enum(OUTCOMES);
export type Outcome = z.infer<typeof Outcome>;
export const isOutcome = (s: string): s is Outcome => (OUTCOMES as readonly string[]).includes(s);

export const Digits = z.enum(['arab', 'latn']);
export type Digits = z.infer<typeof Digits>;

/** What every screen needs of the hall; the parts after `timeZone` are the hall settings' public half (absent on a hall that never saved settings). */
export const Branch = z.object({
  id: Id,
  name: I18nText,
  timeZone: z.string(),
  address: z.object({ ar: humanText({ min: 0, max: 200 }), en: humanText({ min: 0, max: 200 }) }).optional(),
  hours: OpeningHours.optional(),
  /** Arabic-Indic or Western digits on every screen, chart and printed ticket (Arabic text; English is always Western). */
  digits: Digits.optional(),
  /** The kiosk's ticket screen returns to the start after this long. */
  kioskResetSeconds: z.number().int().min(5).max(300).optional(),
});
export type Branch = z.infer<typeof Branch>;

export const StaffRole = z.enum(['admin', 'manager', 'supervisor', 'clerk']);
export type StaffRole = z.infer<typeof StaffRole>;
export const DeviceRole = z.enum(['kiosk', 'display', 'counter']);
export type DeviceRole = z.infer<typeof DeviceRole>;
export type Role = StaffRole | DeviceRole;

export const User = z.object({ id: z.string(), username: z.string(), role: StaffRole, displayName: z.string().optional() });
export type User = z.infer<typeof User>;
