// The formatting helpers bound to this screen's language, digits and the branch time zone.
import { useSettings } from './settings-store.ts';
import { useHall } from '../store/hall-store.ts';
import * as f from '../../shared/i18n/format.ts';
import type { Lang } from '../../shared/protocol/entities.ts';

export function useFormat(overrideTz?: string) {
  const lang = useSettings((s) => s.lang);
  // The hall's setting decides the digits on every screen; a device's own choice only where the hall has none.
  const deviceDigits = useSettings((s) => s.digits);
  const digits = useHall((s) => s.branch?.digits) ?? deviceDigits;
  const branchTz = useHall((s) => s.branch?.timeZone);
  const o: f.FormatOptions = { lang, digits, timeZone: overrideTz ?? branchTz ?? 'Asia/Riyadh' };
  return {
    lang,
    digits,
    timeZone: o.timeZone,
    n: (x: number, frac = 0) => f.formatNumber(x, o, frac),
    pct: (x: number) => f.formatPercent(x, o),
    /** A running time, `4:05` or `1:04:05`, in the hall's digits. */
    duration: (ms: number) => f.formatDuration(ms, o),
    /** Ticket numbers stay as printed (Latin digits, `A-042`) on every screen, so all match the paper and the hall display. */
    ticket: (s: string) => s,
    time: (iso: string | Date, seconds = false) => f.formatTime(iso, o, seconds),
    date: (iso: string | Date) => f.formatDate(iso, o),
    /** A calendar day `YYYY-MM-DD`, e.g. 2 December 2026. */
    day: (day: string) => f.formatDay(day, o),
    /** A name in a language; an Arabic one in the hall's digits (an admin may have typed either: الشباك 1). */
    name: (t: { ar: string; en: string }, l: Lang = lang) => f.textDigits(t[l], { lang: l, digits }),
    /** Free text of the hall (a person's display name, a note) in the hall's digits when the screen is Arabic. */
    text: (s: string) => f.textDigits(s, o),
  };
}
