// Appointment slots (brief §11), pure: which slots a service's booking rule opens on a day, how
// many places each keeps for bookings, whether a start may be booked, cancelled or checked in now.
// Times are the hall's local time; instants are epoch milliseconds.
import type { BookingRule, Slot } from '../protocol/appointments.ts';
import type { OpeningHours } from '../protocol/opening-hours.ts';
import { addDays, businessDay } from './business-day.ts';

const offsetFormatters = new Map<string, Intl.DateTimeFormat>();

/** The zone's offset from UTC at `ms`, in ms. */
function zoneOffset(ms: number, timeZone: string): number {
  let f = offsetFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    offsetFormatters.set(timeZone, f);
  }
  const p = Object.fromEntries(f.formatToParts(new Date(ms)).map((x) => [x.type, x.value]));
  const asUtc = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
  return asUtc - Math.floor(ms / 1000) * 1000;
}

/** The instant of local `day` at `minutes` after midnight in `timeZone`. */
export function zonedMs(day: string, minutes: number, timeZone: string): number {
  const naive = Date.parse(`${day}T00:00:00Z`) + minutes * 60_000;
  let ms = naive - zoneOffset(naive, timeZone);
  // Once more, for an offset that changes between the guess and the answer (daylight saving).
  ms = naive - zoneOffset(ms, timeZone);
  return ms;
}

const minutesOf = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** 0 = Sunday … 6 = Saturday, of a `YYYY-MM-DD` date. */
export const weekdayOf = (day: string): number => new Date(`${day}T12:00:00Z`).getUTCDay();

/** The most places per slot a rule may give: half the counters that serve the service, at least one. */
export const maxPerSlot = (countersServing: number): number => Math.max(1, Math.floor(countersServing / 2));

/** Places per slot as the rule says, capped so walk-ins keep at least half the counters. */
export const placesPerSlot = (rule: BookingRule, countersServing: number): number => Math.min(rule.perSlot, maxPerSlot(countersServing));

/**
 * Every slot start of the rule on `day` (local), in ms, whether or not it is still bookable. With
 * the hall's `hours`, only within them: a slot lies inside that weekday's opening span and on no
 * holiday — even for a hall that takes walk-in tickets at any hour (`always`): an appointment is
 * kept by a clerk at work.
 */
export function slotStarts(rule: BookingRule, day: string, timeZone: string, hours?: OpeningHours): number[] {
  if (!rule.enabled || !rule.weekdays.includes(weekdayOf(day))) return [];
  let from = minutesOf(rule.from);
  let to = minutesOf(rule.to);
  if (hours) {
    const span = hours.weekly[weekdayOf(day)];
    if (!span || hours.holidays.some((h) => h.date === day)) return [];
    from = Math.max(from, minutesOf(span.open));
    to = Math.min(to, minutesOf(span.close));
  }
  const out: number[] = [];
  // The rule's grid (from its own start), within the hall's hours.
  for (let m = minutesOf(rule.from); m + rule.slotMinutes <= to; m += rule.slotMinutes) if (m >= from) out.push(zonedMs(day, m, timeZone));
  return out;
}

/** The last day a slot may be booked on, from `now`. */
export const lastBookableDay = (rule: BookingRule, now: number, timeZone: string): string => addDays(businessDay(now, timeZone), rule.daysAhead);

export type BookRefusal = { code: 'invalid_input' | 'slot_full'; message: string };

/**
 * The bookable slots of `day`: within the days ahead, with their free places, and only those that
 * can still be moved or cancelled once booked (starting after the cut-off from now): a booking a
 * citizen can no longer change is not offered.
 */
export function openSlots(rule: BookingRule, day: string, timeZone: string, now: number, booked: ReadonlyMap<number, number>, countersServing: number, hours?: OpeningHours): Slot[] {
  if (day > lastBookableDay(rule, now, timeZone)) return [];
  const places = placesPerSlot(rule, countersServing);
  return slotStarts(rule, day, timeZone, hours)
    .filter((start) => changeableUntil(rule, start) > now)
    .map((start) => ({ start: new Date(start).toISOString(), end: new Date(start + rule.slotMinutes * 60_000).toISOString(), free: Math.max(0, places - (booked.get(start) ?? 0)) }));
}

/** Why `start` cannot be booked now (not a slot of the rule or the hall's hours, past, too close to change, too far ahead, full), or undefined. */
export function bookingRefusal(rule: BookingRule, start: number, timeZone: string, now: number, bookedThere: number, countersServing: number, hours?: OpeningHours): BookRefusal | undefined {
  const day = businessDay(start, timeZone);
  if (!slotStarts(rule, day, timeZone, hours).includes(start)) return { code: 'invalid_input', message: 'this time is not a slot of the service: pick one from the slots list' };
  if (start <= now) return { code: 'invalid_input', message: 'this slot has already started' };
  if (changeableUntil(rule, start) <= now) return { code: 'invalid_input', message: `this slot starts in less than ${rule.cancelCutoffMinutes} minutes: it could not be changed once booked; pick a later one` };
  if (day > lastBookableDay(rule, now, timeZone)) return { code: 'invalid_input', message: `bookings open ${rule.daysAhead} days ahead at most` };
  if (bookedThere >= placesPerSlot(rule, countersServing)) return { code: 'slot_full', message: 'this slot has just been taken: pick another' };
  return undefined;
}

/** Whether a booking at `start` may still be cancelled or moved at `now`. */
export const changeableUntil = (rule: BookingRule, start: number): number => start - rule.cancelCutoffMinutes * 60_000;

/** Where `now` falls against the check-in window of a slot starting at `start`. */
export function checkInWindow(rule: Pick<BookingRule, 'checkInEarlyMinutes' | 'checkInLateMinutes'>, start: number, now: number): 'early' | 'open' | 'late' {
  if (now < start - rule.checkInEarlyMinutes * 60_000) return 'early';
  if (now > start + rule.checkInLateMinutes * 60_000) return 'late';
  return 'open';
}
