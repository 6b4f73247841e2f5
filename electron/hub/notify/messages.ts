// The citizen's messages, in their language (brief §11). Codes and ticket numbers keep Western
// digits in both languages: they are typed back at the kiosk or on a phone.
import type { Lang } from '../../../shared/protocol/entities.ts';
import { groupBookingCode, type NotificationKind } from '../../../shared/protocol/appointments.ts';

/** "n people" in Arabic with its number agreement: شخص واحد، شخصان، ٣ أشخاص، ١١ شخصاً. */
export function arabicPeople(n: number): string {
  if (n === 1) return 'شخص واحد';
  if (n === 2) return 'شخصان';
  const mod100 = n % 100;
  if (mod100 >= 3 && mod100 <= 10) return `${n} أشخاص`;
  return `${n} شخصاً`;
}

export interface MessageFacts {
  hall: { ar: string; en: string };
  number?: string;
  ahead?: number;
  counter?: number;
  service?: { ar: string; en: string };
  /** Local date and time of an appointment, already formatted per language. */
  when?: { ar: string; en: string };
  code?: string;
}


export function messageText(kind: NotificationKind, lang: Lang, f: MessageFacts): string {
  const hall = f.hall[lang];
  const service = f.service?.[lang] ?? '';
  const when = f.when?.[lang] ?? '';
  const code = f.code ? groupBookingCode(f.code) : '';
  if (lang === 'ar') {
    switch (kind) {
      case 'ahead':
        return f.ahead === 0
          ? `${hall}: دورك التالي. التذكرة ${f.number}، يرجى الاقتراب من الشبابيك.`
          : `${hall}: اقترب دورك، أمامك ${arabicPeople(f.ahead ?? 0)}. التذكرة ${f.number}.`;
      case 'called':
        return `${hall}: حان دورك. التذكرة ${f.number}، تفضل إلى الشباك رقم ${f.counter}.`;
      case 'booked':
        return `${hall}: تم حجز موعدك لخدمة ${service} ${when}. رمز الحجز ${code}. احضر قبل الموعد بقليل وامسح الرمز عند جهاز التذاكر.`;
      case 'reminder':
        return `${hall}: تذكير بموعدك غداً لخدمة ${service} ${when}. رمز الحجز ${code}.`;
      case 'moved':
        return `${hall}: تم تغيير موعدك لخدمة ${service} إلى ${when}. رمز الحجز ${code}.`;
      case 'cancelled':
        return `${hall}: تم إلغاء موعدك لخدمة ${service} ${when}.`;
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
      return `${hall}: your appointment for ${service} is booked, ${when}. Booking code ${code}. Come a little early and scan the code at the ticket kiosk.`;
    case 'reminder':
      return `${hall}: a reminder of your appointment tomorrow for ${service}, ${when}. Booking code ${code}.`;
    case 'moved':
      return `${hall}: your appointment for ${service} is moved to ${when}. Booking code ${code}.`;
    case 'cancelled':
      return `${hall}: your appointment for ${service}, ${when}, is cancelled.`;
  }
}

/** "on Thursday 3 December at 10:00" in the hall's time zone and the citizen's language. */
export function appointmentWhen(ms: number, timeZone: string): { ar: string; en: string } {
  const fmt = (locale: string) => new Intl.DateTimeFormat(locale, { timeZone, weekday: 'long', day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(ms));
  return { ar: fmt('ar-SY-u-nu-latn'), en: fmt('en-GB') };
}
