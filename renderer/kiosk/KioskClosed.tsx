// The kiosk while the hall is closed (hall settings: opening hours, holidays): says so in both
// languages and when it opens, instead of offering tickets nobody will serve.
import { useTranslation } from 'react-i18next';
import type { OpeningStatus } from '../../shared/domain/opening-hours.ts';
import type { Branch, Lang } from '../../shared/protocol/entities.ts';
import { localizeDigits } from '../../shared/i18n/format.ts';

const WEEKDAYS: Record<Lang, string[]> = {
  ar: ['الأحد', 'الاثنين', 'الثلاثاء', 'الأربعاء', 'الخميس', 'الجمعة', 'السبت'],
  en: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
};

export function KioskClosed({ branch, status, today }: { branch: Branch; status: Extract<OpeningStatus, { open: false }>; today: string }) {
  const { t } = useTranslation();
  const digits = branch.digits ?? 'arab';
  const line = (lng: Lang) => {
    const o = status.opens;
    if (!o) return t('kiosk.closed.noOpening', { lng });
    const time = localizeDigits(o.time, { lang: lng, digits });
    if (o.day === today) return t('kiosk.closed.opensToday', { lng, time });
    return t('kiosk.closed.opensOn', { lng, day: WEEKDAYS[lng][o.weekday], time });
  };
  return (
    <section className="kiosk-step kiosk-center kiosk-welcome" data-testid="kiosk-closed" role="status">
      <span className="brand-huge" aria-hidden="true">دور</span>
      {(['ar', 'en'] as const).map((lng) => (
        <div key={lng} lang={lng} dir={lng === 'ar' ? 'rtl' : 'ltr'} className="kiosk-closed-block">
          <p className="kiosk-branch">{branch.name[lng]}</p>
          <h1 className="kiosk-welcome-title">{status.holiday && status.holiday[lng] ? t('kiosk.closed.holiday', { lng, name: status.holiday[lng] }) : t('kiosk.closed.title', { lng })}</h1>
          <p className="kiosk-note" data-testid={`kiosk-opens-${lng}`}>{line(lng)}</p>
          {branch.address?.[lng] && <p className="kiosk-note">{branch.address[lng]}</p>}
        </div>
      ))}
    </section>
  );
}
