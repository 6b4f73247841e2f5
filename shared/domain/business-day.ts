// The business day of an instant in the branch's time zone: numbering restarts each day.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    // en-CA formats dates as YYYY-MM-DD.
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(timeZone, f);
  }
  return f;
}

/**
 * The last answer per time zone, kept for the minute it was asked in: a zone's offset is whole
 * minutes since 1972 (before, some zones kept local mean time, Asia/Riyadh +3:06:52 until 1947, and
 * an answer for such an instant may be a minute off for a few seconds), so neither the day nor the
 * minute of the day changes within one. Every command asks (the day's rollover, the hour of each
 * ticket), and formatting a date takes 10–20 µs.
 */
function sameMinute<T>(kept: Map<string, { minute: number; value: T }>, ms: number, timeZone: string, make: () => T): T {
  const minute = Math.floor(ms / 60_000);
  const k = kept.get(timeZone);
  if (k && k.minute === minute) return k.value;
  const value = make();
  kept.set(timeZone, { minute, value });
  return value;
}
const lastDay = new Map<string, { minute: number; value: string }>();

/** `YYYY-MM-DD` of `ms` in `timeZone`. Throws RangeError for an unknown zone. */
export function businessDay(ms: number, timeZone: string): string {
  return sameMinute(lastDay, ms, timeZone, () => formatter(timeZone).format(new Date(ms)));
}

/** The business day `n` days after `day` (`YYYY-MM-DD`; n may be negative). */
export function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

export const DEFAULT_TIME_ZONE = 'Asia/Riyadh';

const minuteFormatters = new Map<string, Intl.DateTimeFormat>();
/** The minute of the day (0–1439) at `ms` in `timeZone`. */
export function minuteOfDay(ms: number, timeZone: string): number {
  return sameMinute(lastMinute, ms, timeZone, () => {
    let f = minuteFormatters.get(timeZone);
    if (!f) {
      f = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
      minuteFormatters.set(timeZone, f);
    }
    const [h, m] = f.format(new Date(ms)).split(':').map(Number) as [number, number];
    return (h % 24) * 60 + m;
  });
}
const lastMinute = new Map<string, { minute: number; value: number }>();

/** The hour of the day (0–23) at `ms` in `timeZone`. */
export function hourOfDay(ms: number, timeZone: string): number {
  return Math.floor(minuteOfDay(ms, timeZone) / 60);
}
