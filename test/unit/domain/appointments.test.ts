// Appointment slots: local times in the hall's zone (also across a daylight-saving change), the
// places kept for walk-ins, and the booking and check-in windows.
import { describe, expect, it } from 'vitest';
import { bookingRefusal, checkInWindow, maxPerSlot, openSlots, slotStarts, zonedMs } from '../../../shared/domain/appointments.ts';
import { type BookingRule, DEFAULT_BOOKING_RULE } from '../../../shared/protocol/appointments.ts';

const rule: BookingRule = { ...DEFAULT_BOOKING_RULE, serviceId: 's', weekdays: [0, 1, 2, 3, 4], from: '08:00', to: '09:00', slotMinutes: 20, perSlot: 2, daysAhead: 7 };
const TZ = 'Asia/Riyadh';

describe('appointment slots', () => {
  it('start at the local times of the rule, on its weekdays only', () => {
    expect(slotStarts(rule, '2026-12-06', TZ).map((ms) => new Date(ms).toISOString())).toEqual(['2026-12-06T05:00:00.000Z', '2026-12-06T05:20:00.000Z', '2026-12-06T05:40:00.000Z']);
    expect(slotStarts(rule, '2026-12-05', TZ)).toEqual([]); // Saturday
    expect(slotStarts({ ...rule, enabled: false }, '2026-12-06', TZ)).toEqual([]);
  });

  it('keep local time across a daylight-saving change', () => {
    // Damascus has no DST any more; Berlin moves on 29 March 2026.
    expect(new Date(zonedMs('2026-03-28', 9 * 60, 'Europe/Berlin')).toISOString()).toBe('2026-03-28T08:00:00.000Z');
    expect(new Date(zonedMs('2026-03-29', 9 * 60, 'Europe/Berlin')).toISOString()).toBe('2026-03-29T07:00:00.000Z');
  });

  it('keep half the counters of a service for walk-ins', () => {
    expect([1, 2, 3, 4, 5].map(maxPerSlot)).toEqual([1, 1, 1, 2, 2]);
    const now = Date.parse('2026-12-05T12:00:00Z');
    const booked = new Map([[Date.parse('2026-12-06T05:20:00Z'), 1]]);
    // perSlot 2 but two counters: one place each, the one taken shows none left.
    expect(openSlots(rule, '2026-12-06', TZ, now, booked, 2).map((s) => s.free)).toEqual([1, 0, 1]);
    expect(openSlots(rule, '2026-12-06', TZ, now, booked, 4).map((s) => s.free)).toEqual([2, 1, 2]);
  });

  it('refuse a time that is not a slot, past, too far ahead or full', () => {
    const now = Date.parse('2026-12-06T04:10:00Z');
    const at = (iso: string, taken = 0, when = now) => bookingRefusal(rule, Date.parse(iso), TZ, when, taken, 2)?.code;
    expect(at('2026-12-06T05:20:00Z')).toBeUndefined();
    expect(at('2026-12-06T05:25:00Z')).toBe('invalid_input');
    // Less than the cut-off (an hour) away: it could never be moved or cancelled, so it is not offered.
    expect(bookingRefusal(rule, Date.parse('2026-12-06T05:00:00Z'), TZ, now, 0, 2)?.message).toMatch(/less than 60 minutes/);
    expect(at('2026-12-06T05:00:00Z', 0, Date.parse('2026-12-06T05:10:00Z'))).toBe('invalid_input'); // started
    expect(at('2026-12-20T05:00:00Z')).toBe('invalid_input'); // 14 days ahead, rule allows 7
    expect(at('2026-12-06T05:20:00Z', 1)).toBe('slot_full');
  });

  it('open check-in early minutes before the slot and close it late minutes after', () => {
    const start = Date.parse('2026-12-06T07:00:00Z');
    const w = { checkInEarlyMinutes: 30, checkInLateMinutes: 15 };
    expect(checkInWindow(w, start, start - 31 * 60_000)).toBe('early');
    expect(checkInWindow(w, start, start - 30 * 60_000)).toBe('open');
    expect(checkInWindow(w, start, start + 15 * 60_000)).toBe('open');
    expect(checkInWindow(w, start, start + 16 * 60_000)).toBe('late');
  });
});
