// Title row of a kiosk step with a big back button.
import { useTranslation } from 'react-i18next';
import { useSettings } from '../i18n/settings-store.ts';
import { AgainHint, assistProps, choice, isArmed, phrase, useAssist } from './assist/assist.tsx';

export function KioskHeader({ title, onBack }: { title: string; onBack?: () => void }) {
  const { t } = useTranslation();
  const lang = useSettings((s) => s.lang);
  const a = useAssist();
  return (
    <header className="kiosk-head">
      {onBack && (
        <button type="button" className="kiosk-btn back" {...assistProps(a, 'back', choice(lang, phrase(lang, 'guide-back')), onBack)} data-testid="kiosk-back">
          <span aria-hidden="true" className="flip-rtl">←</span> {t('kiosk.back')}
          <AgainHint show={isArmed(a, 'back')} />
        </button>
      )}
      <h1>{title}</h1>
    </header>
  );
}
