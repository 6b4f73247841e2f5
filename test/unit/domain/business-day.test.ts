// Business days in the branch's time zone (Asia/Riyadh is UTC+3, no DST): the day turns at 21:00 UTC.
import { describe, expect, it } from 'vitest';
import { DEFAULT_TIME_ZONE, businessDay, isValidTimeZone, minuteOfDay } from '../../../shared/domain/business-day.ts';
import { dayRollover } from '../../../shared/domain/commands.ts';
import { newHall } from './support.ts';

const beforeMidnight = Date.parse('2025-03-02T20:59:59.999Z');
const atMidnight = Date.parse('2025-03-02T21:00:00.000Z');

describe('businessDay', () => {
  it('turns at local midnight in Asia/Riyadh (21:00 UTC), not at UTC midnight', () => {
    expect(DEFAULT_TIME_ZONE).toBe('Asia/Riyadh');
    expect(businessDay(beforeMidnight, 'Asia/Riyadh')).toBe('2025-03-02');
    expect(businessDay(atMidnight, 'Asia/Riyadh')).toBe('2025-03-03');
    expect(businessDay(atMidnight, 'UTC')).toBe('2025-03-02');
    expect(businessDay(Date.parse('2025-03-02T23:59:00Z'), 'Asia/Riyadh')).toBe('2025-03-03');
  });

  it('follows another branch zone', () => {
    expect(businessDay(Date.parse('2025-03-02T21:30:00Z'), 'Asia/Damascus')).toBe('2025-03-03'); // UTC+3 since 2022
    expect(businessDay(Date.parse('2025-03-02T21:30:00Z'), 'Africa/Cairo')).toBe('2025-03-02'); // UTC+2 in March
  });

  it('turns at the minute a zone with a 45-minute offset turns, asked in any order and zone after zone', () => {
    // Asia/Kathmandu is UTC+5:45: its midnight is 18:15 UTC. The last answer is kept per zone for its minute.
    const last = Date.parse('2025-03-02T18:14:59.999Z');
    const first = Date.parse('2025-03-02T18:15:00.000Z');
    for (const [ms, zone, day, minute] of [
      [last, 'Asia/Kathmandu', '2025-03-02', 1439], [first, 'Asia/Kathmandu', '2025-03-03', 0], [last, 'Asia/Kathmandu', '2025-03-02', 1439],
      [last, 'Asia/Riyadh', '2025-03-02', 21 * 60 + 14], [first - 1, 'Asia/Kathmandu', '2025-03-02', 1439], [first, 'Asia/Riyadh', '2025-03-02', 21 * 60 + 15],
      [first + 59_999, 'Asia/Kathmandu', '2025-03-03', 0], [first + 60_000, 'Asia/Kathmandu', '2025-03-03', 1],
    ] as const) {
      expect(businessDay(ms, zone), `${new Date(ms).toISOString()} ${zone}`).toBe(day);
      expect(minuteOfDay(ms, zone), `${new Date(ms).toISOString()} ${zone}`).toBe(minute);
    }
  });

  it('knows valid zones from invalid ones', () => {
    expect(isValidTimeZone('Asia/Riyadh')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus')).toBe(false);
    expect(() => businessDay(0, 'Mars/Olympus')).toThrow(RangeError);
  });

  it('makes dayRollover open the new day one millisecond after 20:59:59.999 UTC', () => {
    const state = newHall({ at: beforeMidnight });
    expect(dayRollover(state, beforeMidnight)).toEqual([]);
    expect(dayRollover(state, atMidnight)).toEqual([{ type: 'day.opened', at: '2025-03-02T21:00:00.000Z', day: '2025-03-03' }]);
  });
});
