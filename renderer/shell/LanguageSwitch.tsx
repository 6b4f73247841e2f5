// Language and digit choice. Arabic first.
import { useTranslation } from 'react-i18next';
import { useSettings } from '../i18n/settings-store.ts';
import { useHall } from '../store/hall-store.ts';

export function LanguageSwitch({ digits = true }: { digits?: boolean }) {
  const { t } = useTranslation();
  const lang = useSettings((s) => s.lang);
  const d = useSettings((s) => s.digits);
  const setLang = useSettings((s) => s.setLang);
  const setDigits = useSettings((s) => s.setDigits);
  // A hall that has chosen its digits (admin → Hall) uses them on every screen: no toggle then.
  const hallDigits = useHall((s) => s.branch?.digits);
  return (
    <div className="lang-switch" role="group" aria-label={t('shell.language')}>
      <button type="button" data-testid="lang-toggle" lang={lang === 'ar' ? 'en' : 'ar'} onClick={() => setLang(lang === 'ar' ? 'en' : 'ar')}>
        {lang === 'ar' ? 'English' : 'العربية'}
      </button>
      {digits && !hallDigits && lang === 'ar' && (
        <button type="button" data-testid="digits-toggle" aria-pressed={d === 'arab'} onClick={() => setDigits(d === 'arab' ? 'latn' : 'arab')}>
          {/* The choice shows the digits it gives: a sample, not a number. */}
          <span data-ident="">{d === 'arab' ? '123' : '١٢٣'}</span>
          <span className="sr-only"> {t('shell.digits')}</span>
        </button>
      )}
    </div>
  );
}
