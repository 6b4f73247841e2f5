// Check-in for an appointment (brief §11): the booking's QR under the scanner (the station's
// scanner device; a scan on any step of the kiosk lands here) or its 12 digits on a big keypad (10 for a code given before 2026-12).
// A refusal says why in the screen's language and offers an ordinary ticket instead.
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Ticket } from '../../shared/protocol/entities.ts';
import { useHub } from '../shell/app-context.tsx';
import { useFormat } from '../i18n/use-format.ts';
import { citizenErrorText } from '../book/citizen-error.ts';
import { KioskHeader } from './KioskHeader.tsx';
import { useSettings } from '../i18n/settings-store.ts';
import { AgainHint, assistProps, choice, isArmed, name, useAssist } from './assist/assist.tsx';
import '../styles/checkin.css';

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', 'clear', '0', 'delete'] as const;
/** As the digits are typed, in the groups of the printed code: `1234 5678 9012`. */
const group = (d: string) => d.replace(/(\d{4})(?=\d)/g, '$1 ');
const CODE_DIGITS = 12;

export function CheckInStep({ scanned, onTicket, onWalkIn, onBack }: { scanned: { code: string } | null; onTicket: (t: Ticket) => void; onWalkIn: () => void; onBack: () => void }) {
  const { t } = useTranslation();
  const hub = useHub();
  const f = useFormat();
  const [digits, setDigits] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const sending = useRef(false);

  const send = useCallback(async (code: string) => {
    if (sending.current) return;
    sending.current = true;
    setBusy(true);
    setError(null);
    try {
      const r = await hub.post<{ ticket: Ticket }>('/api/v1/kiosk/check-in', { code });
      onTicket(r.ticket);
    } catch (err) {
      // The digits stay: the message asks the citizen to check them, so they must still be there.
      setError(citizenErrorText(t, err, (iso) => f.time(iso)));
    } finally {
      sending.current = false;
      setBusy(false);
    }
  }, [hub, onTicket, t, f]);

  // A scan (the QR holds the booking page's address) is sent as it is: the hub finds the code in
  // it. Each scan once: the kiosk gives a new `scanned` object per scan.
  const sendRef = useRef(send);
  sendRef.current = send;
  useEffect(() => {
    if (scanned) void sendRef.current(scanned.code);
  }, [scanned]);

  const press = (k: (typeof KEYS)[number]) => {
    setError(null);
    if (k === 'clear') setDigits('');
    else if (k === 'delete') setDigits((d) => d.slice(0, -1));
    else setDigits((d) => (d.length < CODE_DIGITS ? d + k : d));
  };

  return (
    <section className="kiosk-step kiosk-checkin" data-testid="kiosk-checkin">
      <KioskHeader title={t('checkin.title')} onBack={onBack} />
      <p className="kiosk-note">{t('checkin.help')}</p>
      <output className={`checkin-code ltr ${digits ? '' : 'empty'}`} aria-label={t('checkin.code')} data-testid="kiosk-checkin-code" data-ident>{group(digits) || '•••• •••• ••••'}</output>
      {busy && <p className="kiosk-note" aria-live="polite"><span className="spinner" aria-hidden="true" /> {t('checkin.checking')}</p>}
      {error && (
        <div className="checkin-error" role="alert" data-testid="kiosk-checkin-error">
          <p className="kiosk-note bad">{error}</p>
          <button type="button" className="kiosk-btn primary" onClick={onWalkIn} data-testid="kiosk-checkin-walkin">{t('checkin.walkIn')}</button>
        </div>
      )}
      <div className="keypad ltr" role="group" aria-label={t('checkin.code')}>
        {KEYS.map((k) => (
          <button key={k} type="button" className={`kiosk-btn key ${k.length > 1 ? 'key-fn' : ''}`} disabled={busy} onClick={() => press(k)} data-testid={`kiosk-key-${k}`} aria-label={k.length > 1 ? t(`checkin.${k}`) : undefined}>
            {/* The code is written in Western digits (the SMS, the booking page); Arabic-Indic under them. */}
            {k === 'delete' ? '⌫' : k === 'clear' ? t('checkin.clear') : <><span data-ident>{k}</span>{f.lang === 'ar' && f.digits === 'arab' && <small aria-hidden="true">{f.n(Number(k))}</small>}</>}
          </button>
        ))}
      </div>
      <button type="button" className="kiosk-btn primary wide" disabled={busy || (digits.length !== CODE_DIGITS && digits.length !== 10)} onClick={() => void send(digits)} data-testid="kiosk-checkin-submit">
        {t('checkin.submit')}
      </button>
    </section>
  );
}

/** The way in, on the start screen and the first step: one big button. */
const BOOKED = { ar: 'لدي موعد مسبق', en: 'I have an appointment' } as const;

export function AppointmentEntry({ onClick, bilingual = false }: { onClick: () => void; bilingual?: boolean }) {
  const { t } = useTranslation();
  const lang = useSettings((s) => s.lang);
  const a = useAssist();
  const say = bilingual ? (['ar', 'en'] as const).flatMap((l) => choice(l, name(l, BOOKED[l]))) : choice(lang, name(lang, t('checkin.entry')));
  return (
    <button type="button" className="kiosk-btn appointment-entry" {...assistProps(a, 'appointment', say, onClick)} data-testid="kiosk-appointment">
      <AgainHint show={isArmed(a, 'appointment')} />
      {bilingual ? (
        <>
          <span lang="ar" dir="rtl">{BOOKED.ar}</span>
          <span lang="en" dir="ltr">{BOOKED.en}</span>
        </>
      ) : (
        <>
          <span>{t('checkin.entry')}</span>
          <span className="tile-sub">{t('checkin.entryHint')}</span>
        </>
      )}
    </button>
  );
}
