// Opening hours in the branch's time zone: open inside a day's span, closed outside it, on a
// closed weekday and on a holiday, with the next opening named; and "minutes" in Arabic.
import { describe, expect, it } from 'vitest';
import { openingStatus } from '../../../shared/domain/opening-hours.ts';
import { DEFAULT_OPENING_HOURS, type OpeningHours } from '../../../shared/protocol/opening-hours.ts';
import { minutesWord, waitText } from '../../../shared/ticket/ticket-labels.ts';

const hours: OpeningHours = { ...DEFAULT_OPENING_HOURS, always: false, holidays: [{ date: '2026-12-03', name: { ar: 'عطلة', en: 'Holiday' } }] };
const at = (iso: string) => openingStatus(hours, 'Asia/Riyadh', Date.parse(iso));

describe('opening hours', () => {
  it('is open at every hour when set so, or with no hours at all', () => {
    expect(openingStatus(DEFAULT_OPENING_HOURS, 'Asia/Riyadh', Date.parse('2026-12-05T23:00:00Z'))).toEqual({ open: true });
    expect(openingStatus(undefined, 'Asia/Riyadh', 0)).toEqual({ open: true });
  });
  it('is open inside the span of a working day (branch time), closed before and after it', () => {
    expect(at('2026-12-01T05:00:00Z')).toEqual({ open: true }); // Tuesday 08:00 Riyadh
    expect(at('2026-12-01T04:59:00Z')).toEqual({ open: false, opens: { day: '2026-12-01', weekday: 2, time: '08:00' } });
    expect(at('2026-12-01T12:00:00Z')).toEqual({ open: false, opens: { day: '2026-12-02', weekday: 3, time: '08:00' } }); // 15:00
  });
  it('skips a holiday and the weekend to the next working day, naming the holiday', () => {
    expect(at('2026-12-03T07:00:00Z')).toEqual({ open: false, opens: { day: '2026-12-06', weekday: 0, time: '08:00' }, holiday: { ar: 'عطلة', en: 'Holiday' } });
    expect(at('2026-12-04T07:00:00Z')).toEqual({ open: false, opens: { day: '2026-12-06', weekday: 0, time: '08:00' } });
  });
  it('says when no day opens in the next two weeks', () => {
    expect(openingStatus({ always: false, weekly: Array(7).fill(null), holidays: [] }, 'UTC', 0)).toEqual({ open: false, opens: null });
  });
});

describe('Arabic minutes on the printed ticket', () => {
  it('agrees with the number: ٥ دقائق, دقيقتان, ١١ دقيقة', () => {
    expect([1, 2, 3, 5, 10, 11, 15, 100, 103].map(minutesWord)).toEqual(['دقيقة', 'دقيقة', 'دقائق', 'دقائق', 'دقائق', 'دقيقة', 'دقيقة', 'دقيقة', 'دقائق']);
    expect(waitText(5, 5, 'arab').ar).toBe('٥ دقائق تقريبًا');
    expect(waitText(2, 2, 'arab').ar).toBe('دقيقتان تقريبًا');
    expect(waitText(0, 0, 'arab')).toEqual({ ar: 'أقل من دقيقة', en: 'under a minute' });
    expect(waitText(3, 5, 'arab').ar).toBe('من ٣ إلى ٥ دقائق');
    expect(waitText(5, 11, 'arab').ar).toBe('من ٥ إلى ١١ دقيقة');
  });
});
