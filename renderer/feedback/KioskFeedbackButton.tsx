// The kiosk's "suggestions and complaints" button, on its bilingual welcome screen. A kiosk has no
// keyboard and typing a complaint at a public screen is neither private nor quick, so it shows a
// QR code of the public form (/feedback) for the citizen's own phone, and the 940 line.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useHub } from '../shell/app-context.tsx';
import { QrCode } from '../kiosk/QrCode.tsx';
import { useFormat } from '../i18n/use-format.ts';
import '../styles/feedback.css';

const CLOSE_AFTER_MS = 60_000;

export function KioskFeedbackButton() {
  const { t } = useTranslation();
  const hub = useHub();
  const f = useFormat();
  const [open, setOpen] = useState(false);
  useEffect(() => {
    if (!open) return;
    const timer = setTimeout(() => setOpen(false), CLOSE_AFTER_MS);
    return () => clearTimeout(timer);
  }, [open]);
  const both = (key: string) => (
    <>
      <span lang="ar" dir="rtl">{f.name({ ar: t(key, { lng: 'ar' }), en: '' }, 'ar')}</span>
      <span lang="en" dir="ltr">{t(key, { lng: 'en' })}</span>
    </>
  );
  const url = `${hub.baseUrl.replace(/\/$/, '')}/feedback`;
  return (
    <>
      <button type="button" className="kiosk-btn kiosk-feedback-btn" onClick={() => setOpen(true)} data-testid="kiosk-feedback">{both('feedback.kioskButton')}</button>
      {open && (
        <div className="kiosk-feedback-overlay" role="dialog" aria-modal="true" aria-labelledby="kiosk-feedback-title" data-testid="kiosk-feedback-dialog">
          <div className="kiosk-feedback-panel">
            <h2 id="kiosk-feedback-title" className="kiosk-feedback-title">{both('feedback.kioskTitle')}</h2>
            <QrCode text={url} size={320} label={t('feedback.kioskQrLabel')} testId="kiosk-feedback-qr" />
            <p className="kiosk-feedback-lines">{both('feedback.kioskScan')}</p>
            <p className="kiosk-feedback-lines muted">{both('feedback.line940')}</p>
            <button type="button" className="kiosk-btn primary" onClick={() => setOpen(false)} data-testid="kiosk-feedback-close">{both('feedback.kioskClose')}</button>
          </div>
        </div>
      )}
    </>
  );
}
