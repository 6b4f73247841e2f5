// A display's quiet hours, in the hall's time zone, including a range that runs past midnight.
import { describe, expect, it } from 'vitest';
import { inQuietHours, minuteOfDay } from '../../../shared/voice/quiet-hours.ts';

const riyadh = (hhmm: string) => Date.parse(`2026-12-03T${hhmm}:00+03:00`);

describe('quiet hours', () => {
  it('reads the minute of the day in the hall time zone', () => {
    expect(minuteOfDay(riyadh('00:00'), 'Asia/Riyadh')).toBe(0);
    expect(minuteOfDay(riyadh('13:45'), 'Asia/Riyadh')).toBe(13 * 60 + 45);
    expect(minuteOfDay(riyadh('13:45'), 'UTC')).toBe(10 * 60 + 45);
  });
  it('includes the start and excludes the end', () => {
    const lunch = [{ from: '12:00', to: '13:00' }];
    expect(inQuietHours(lunch, riyadh('11:59'), 'Asia/Riyadh')).toBe(false);
    expect(inQuietHours(lunch, riyadh('12:00'), 'Asia/Riyadh')).toBe(true);
    expect(inQuietHours(lunch, riyadh('12:59'), 'Asia/Riyadh')).toBe(true);
    expect(inQuietHours(lunch, riyadh('13:00'), 'Asia/Riyadh')).toBe(false);
  });
  it('runs past midnight when it ends before it starts', () => {
    const night = [{ from: '22:00', to: '06:00' }];
    expect(inQuietHours(night, riyadh('23:30'), 'Asia/Riyadh')).toBe(true);
    expect(inQuietHours(night, riyadh('03:00'), 'Asia/Riyadh')).toBe(true);
    expect(inQuietHours(night, riyadh('06:00'), 'Asia/Riyadh')).toBe(false);
    expect(inQuietHours(night, riyadh('21:59'), 'Asia/Riyadh')).toBe(false);
  });
  it('is never quiet without ranges, and quiet in any of several', () => {
    expect(inQuietHours([], riyadh('12:00'), 'Asia/Riyadh')).toBe(false);
    const two = [{ from: '08:00', to: '08:30' }, { from: '12:10', to: '12:40' }];
    expect(inQuietHours(two, riyadh('12:15'), 'Asia/Riyadh')).toBe(true);
    expect(inQuietHours(two, riyadh('09:00'), 'Asia/Riyadh')).toBe(false);
  });
});
