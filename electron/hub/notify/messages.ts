// The citizen's messages, in their language (brief §11), worded as the pages word them: dates and
// times by shared/i18n/format.ts (the same month names, day before month), counts in the hall's
// digits. Identifiers keep Western digits in both languages — ticket numbers, booking codes,
// references, links — because they are typed back at the kiosk or on a phone, and match the paper.
import type { Digits, Lang } from '../../../shared/protocol/entities.ts';
import { groupBookingCode, type NotificationKind } from '../../../shared/protocol/appointments.ts';
import { formatDate, formatNumber, formatTime } from '../../../shared/i18n/format.ts';

/** "n people" in Arabic with its number agreement (شخص واحد، شخصان، ٣ أشخاص، ١١ شخصاً), the count in `digits`. */
export function arabicPeople(n: number, digits: Digits = 'latn'): string {
  if (n === 1) return 'شخص واحد';
  if (n === 2) return 'شخصان';
  const num = formatNumber(n, { lang: 'ar', digits });
  const mod100 = n % 100;
  if (mod100 >= 3 && mod100 <= 10) return `${num} أشخاص`;
  return `${num} شخصاً`;
}

export interface MessageFacts {
  hall: { ar: string; en: string };
  /** The hall's digits setting (Arabic messages only; English always Western). */
  digits?: Digits;
  number?: string;
  ahead?: number;
  counter?: number;
  service?: { ar: string; en: string };
  /** Local date and time of an appointment, already formatted per language. */
  when?: { ar: string; en: string };
  code?: string;
  /** A complaint's reference, grouped (`K7M3Q-W9XRT`). */
  reference?: string;
  /** The page to follow or manage it, absolute (what a phone opens from the SMS). */
  link?: string;
}

export function messageText(kind: NotificationKind, lang: Lang, f: MessageFacts): string {
  const hall = f.hall[lang];
  const service = f.service?.[lang] ?? '';
  const when = f.when?.[lang] ?? '';
  const code = f.code ? groupBookingCode(f.code) : '';
  const digits = f.digits ?? 'latn';
  const n = (x: number) => formatNumber(x, { lang, digits: lang === 'ar' ? digits : 'latn' });
  const link = f.link ? ` ${f.link}` : '';
  if (lang === 'ar') {
    switch (kind) {
      case 'ahead':
        return f.ahead === 0
          ? `${hall}: دورك التالي. التذكرة ${f.number}، يرجى الاقتراب من الشبابيك.`
          : `${hall}: اقترب دورك، أمامك ${arabicPeople(f.ahead ?? 0, digits)}. التذكرة ${f.number}.`;
      case 'called':
        return `${hall}: حان دورك. التذكرة ${f.number}، تفضل إلى الشباك رقم ${n(f.counter ?? 0)}.`;
      case 'booked':
        return `${hall}: تم حجز موعدك لخدمة ${service} ${when}. رمز الحجز ${code}. احضر قبل الموعد بقليل وامسح الرمز عند جهاز التذاكر. لتغيير الموعد أو إلغائه:${link}`;
      case 'reminder':
        return `${hall}: تذكير بموعدك غداً لخدمة ${service} ${when}. رمز الحجز ${code}.${link}`;
      case 'moved':
        return `${hall}: تم تغيير موعدك لخدمة ${service} إلى ${when}. رمز الحجز ${code}.${link}`;
      case 'cancelled':
        return `${hall}: تم إلغاء موعدك لخدمة ${service} ${when}.`;
      case 'answered':
        return `${hall}: وصل الرد على رسالتك ذات المرجع ${f.reference}. اقرأه هنا:${link}`;
      case 'verify':
        return `${hall}: رمز تأكيد رقمك لحجز الموعد: ${f.code}. لا تعطه لأحد.`;
    }
  }
  switch (kind) {
    case 'ahead':
      return f.ahead === 0
        ? `${hall}: you are next. Ticket ${f.number}, please come close to the counters.`
        : `${hall}: your turn is near, ${f.ahead} ${f.ahead === 1 ? 'person' : 'people'} ahead of you. Ticket ${f.number}.`;
    case 'called':
      return `${hall}: it is your turn. Ticket ${f.number}, please go to counter ${f.counter}.`;
    case 'booked':
      return `${hall}: your appointment for ${service} is booked, ${when}. Booking code ${code}. Come a little early and scan the code at the ticket kiosk. To move or cancel it:${link}`;
    case 'reminder':
      return `${hall}: a reminder of your appointment tomorrow for ${service}, ${when}. Booking code ${code}.${link}`;
    case 'moved':
      return `${hall}: your appointment for ${service} is moved to ${when}. Booking code ${code}.${link}`;
    case 'cancelled':
      return `${hall}: your appointment for ${service}, ${when}, is cancelled.`;
    case 'answered':
      return `${hall}: your message ${f.reference} has an answer. Read it here:${link}`;
    case 'verify':
      return `${hall}: the code to confirm your number for the booking: ${f.code}. Do not give it to anyone.`;
  }
}

/** "Thursday 3 December 2026 at 10:00" in the hall's time zone, as the booking page words it (its digits for Arabic). */
export function appointmentWhen(ms: number, timeZone: string, digits: Digits = 'latn'): { ar: string; en: string } {
  const ar = { lang: 'ar' as const, digits, timeZone };
  const en = { lang: 'en' as const, digits: 'latn' as const, timeZone };
  return {
    ar: `${formatDate(new Date(ms), ar)} الساعة ${formatTime(new Date(ms), ar)}`,
    en: `${formatDate(new Date(ms), en)} at ${formatTime(new Date(ms), en)}`,
  };
}
