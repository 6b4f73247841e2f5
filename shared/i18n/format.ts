// Pure formatting, one for every screen and every message a citizen receives (the hub's SMS): numbers
// with Arabic-Indic or Latin digits, dates and times in the branch's time zone.
import type { Lang } from '../protocol/entities.ts';

export type Digits = 'arab' | 'latn';
export type FormatOptions = { lang: Lang; digits: Digits; timeZone: string };

export function locale(o: Pick<FormatOptions, 'lang' | 'digits'>): string {
  return o.lang === 'ar' ? `ar-u-nu-${o.digits}` : 'en-u-nu-latn';
}

export function formatNumber(n: number, o: Pick<FormatOptions, 'lang' | 'digits'>, maxFraction = 0): string {
  return new Intl.NumberFormat(locale(o), { maximumFractionDigits: maxFraction }).format(n);
}

export function formatPercent(share: number, o: Pick<FormatOptions, 'lang' | 'digits'>): string {
  return new Intl.NumberFormat(locale(o), { style: 'percent', maximumFractionDigits: 0 }).format(share);
}

/** Replaces the Latin digits in an identifier such as `A-042` (letters stay as they are). */
export function localizeDigits(s: string, o: Pick<FormatOptions, 'lang' | 'digits'>): string {
  if (o.lang !== 'ar' || o.digits !== 'arab') return s;
  return s.replace(/[0-9]/g, (d) => String.fromCharCode(0x0660 + Number(d)));
}

/**
 * Text of the hall (a service's or counter's name, a display name) in the digits of an Arabic
 * screen, whichever the admin typed: "الشباك 1" → "الشباك ١" (Arabic-Indic), and back (Latin).
 * English text is left as it is.
 */
export function textDigits(s: string, o: Pick<FormatOptions, 'lang' | 'digits'>): string {
  if (o.lang !== 'ar') return s;
  return o.digits === 'arab' ? s.replace(/[0-9]/g, (d) => String.fromCharCode(0x0660 + Number(d))) : s.replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660));
}

export function formatTime(iso: string | Date, o: FormatOptions, seconds = false): string {
  const d = typeof iso === 'string' ? new Date(iso) : iso;
  return new Intl.DateTimeFormat(locale(o), {
    hour: '2-digit',
    minute: '2-digit',
    ...(seconds ? { second: '2-digit' } : {}),
    timeZone: o.timeZone,
  }).format(d);
}

export function formatDate(iso: string | Date, o: FormatOptions): string {
  const d = typeof iso === 'string' ? new Date(iso) : iso;
  return new Intl.DateTimeFormat(locale(o), { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: o.timeZone }).format(d);
}

/** A calendar day `YYYY-MM-DD` as "2 December 2026" (no time zone: the day is the day). */
export function formatDay(day: string, o: Pick<FormatOptions, 'lang' | 'digits'>): string {
  return new Intl.DateTimeFormat(locale(o), { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`));
}

/** Hour of day (0–23) of an instant in a time zone. */
export function hourIn(iso: string, timeZone: string): number {
  const h = new Intl.DateTimeFormat('en-u-nu-latn', { hour: 'numeric', hourCycle: 'h23', timeZone }).format(new Date(iso));
  return Number(h) % 24;
}

/** A running time as a clock shows it: `4:05`, `1:04:05` (minutes and seconds two digits), in the screen's digits. */
export function formatDuration(ms: number, o: Pick<FormatOptions, 'lang' | 'digits'>): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const two = new Intl.NumberFormat(locale(o), { minimumIntegerDigits: 2, useGrouping: false });
  const one = new Intl.NumberFormat(locale(o), { useGrouping: false });
  return h > 0 ? `${one.format(h)}:${two.format(m)}:${two.format(s)}` : `${one.format(m)}:${two.format(s)}`;
}

export function minutesBetween(from: string, to: string | number): number {
  const end = typeof to === 'number' ? to : new Date(to).getTime();
  return Math.max(0, (end - new Date(from).getTime()) / 60000);
}

/** A name in running text of the other direction (an Arabic name in an English sentence): isolated, so it keeps its own order. */
export const isolate = (s: string): string => `\u2068${s}\u2069`;
