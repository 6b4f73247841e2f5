// Is the hall open now, and if not, when does it open? In the branch's time zone.
import type { OpeningHours } from '../protocol/opening-hours.ts';

export type OpeningStatus =
  | { open: true }
  /** `opens`: the next opening within two weeks (day `YYYY-MM-DD`, weekday 0 = Sunday, `HH:MM`); `holiday`: today is one. */
  | { open: false; opens: { day: string; weekday: number; time: string } | null; holiday?: { ar: string; en: string } };

const parts = new Map<string, Intl.DateTimeFormat>();
function local(ms: number, timeZone: string): { day: string; weekday: number; time: string } {
  let f = parts.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    parts.set(timeZone, f);
  }
  const p = Object.fromEntries(f.formatToParts(new Date(ms)).map((x) => [x.type, x.value]));
  const weekday = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(p.weekday!);
  return { day: `${p.year}-${p.month}-${p.day}`, weekday, time: `${p.hour}:${p.minute}` };
}

const nextDay = (day: string, n: number): string => {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};

export function openingStatus(hours: OpeningHours | undefined, timeZone: string, nowMs: number): OpeningStatus {
  if (!hours || hours.always) return { open: true };
  const now = local(nowMs, timeZone);
  const holidayOn = (day: string) => hours.holidays.find((h) => h.date === day);
  const today = hours.weekly[now.weekday];
  const holiday = holidayOn(now.day);
  if (!holiday && today && now.time >= today.open && now.time < today.close) return { open: true };
  for (let i = 0; i < 15; i++) {
    const day = nextDay(now.day, i);
    const weekday = (now.weekday + i) % 7;
    const span = hours.weekly[weekday];
    if (!span || holidayOn(day)) continue;
    if (i === 0 && now.time >= span.open) continue;
    return { open: false, opens: { day, weekday, time: span.open }, ...(holiday ? { holiday: holiday.name } : {}) };
  }
  return { open: false, opens: null, ...(holiday ? { holiday: holiday.name } : {}) };
}
