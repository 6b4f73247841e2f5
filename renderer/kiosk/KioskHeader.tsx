// Title row of a kiosk step with a big back button.
import { useTranslation } from 'react-i18next';

export function KioskHeader({ title, onBack }: { title: string; onBack?: () => void }) {
  const { t } = useTranslation();
  return (
    <header className="kiosk-head">
      {onBack && (
        <button type="button" className="kiosk-btn back" onClick={onBack} data-testid="kiosk-back">
          <span aria-hidden="true" className="flip-rtl">←</span> {t('kiosk.back')}
        </button>
      )}
      <h1>{title}</h1>
    </header>
  );
}
