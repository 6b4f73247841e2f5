// Fixed wording printed on every ticket, Arabic first. Kept here (not in the renderer's i18n files)
// because the paper layout must not depend on the UI bundle.
import type { Priority } from '../protocol/entities.ts';

export interface BiText {
  ar: string;
  en: string;
}

export const PRIORITY_LABEL: Record<Exclude<Priority, 'none'>, BiText> = {
  elderly: { ar: 'كبار السن', en: 'Elderly' },
  disability: { ar: 'ذوو الإعاقة', en: 'Disability' },
  pregnancy: { ar: 'الحوامل', en: 'Pregnancy' },
  appointment: { ar: 'موعد مسبق', en: 'Appointment' },
};

export const LABEL = {
  priority: { ar: 'أولوية', en: 'Priority' },
  expectedWait: { ar: 'الانتظار المتوقع', en: 'Expected wait' },
  noCounterOpen: { ar: 'لا يوجد شباك مفتوح لهذه الخدمة الآن', en: 'No counter open for this service now' },
  scan: { ar: 'امسح الرمز لمتابعة دورك', en: 'Scan to follow your turn' },
  footer: { ar: 'يرجى الانتظار حتى يُنادى رقمك', en: 'Please wait until your number is called' },
} satisfies Record<string, BiText>;

const ARABIC_INDIC = '٠١٢٣٤٥٦٧٨٩';

/** Western digits to Arabic-Indic when the branch prints `digits: 'arab'`. */
export function localDigits(text: string, digits: 'arab' | 'latn'): string {
  return digits === 'arab' ? text.replace(/[0-9]/g, (d) => ARABIC_INDIC[Number(d)] ?? d) : text;
}

/**
 * The expected wait as words, so the range reads right in both directions ("من 10 إلى 15 دقيقة",
 * not a dash between two numbers that the bidi algorithm may reorder).
 */
export function waitText(min: number, max: number, digits: 'arab' | 'latn'): BiText {
  const lo = Math.min(min, max);
  const hi = Math.max(min, max);
  // "0": a counter is free — the citizen is called at once.
  if (hi === 0) return { ar: 'أقل من دقيقة', en: 'under a minute' };
  if (lo === hi) {
    const one = lo === 1 ? 'دقيقة واحدة' : lo === 2 ? 'دقيقتان' : `${lo} ${minutesWord(lo)}`;
    return { ar: localDigits(`${one} تقريبًا`, digits), en: `about ${lo} min` };
  }
  return { ar: localDigits(`من ${lo} إلى ${hi} ${minutesWord(hi)}`, digits), en: `${lo} to ${hi} min` };
}

/** "minutes" after a number in Arabic: دقائق after 3–10 (and 103–110 …), else دقيقة (١١ دقيقة، ١٠٠ دقيقة). */
export function minutesWord(n: number): string {
  const r = n % 100;
  return r >= 3 && r <= 10 ? 'دقائق' : 'دقيقة';
}
