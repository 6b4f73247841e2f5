// The public booking page (brief §11), phone first, no account: a service, a day, a free time, a
// name and a mobile number → a booking code and its QR. `/book/<code>` shows one booking, and
// moves or cancels it until its cut-off.
import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { useNavigate, useParams, Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { type Appointment, groupBookingCode, type PendingBooking, type Slot } from '../../shared/protocol/appointments.ts';
import type { Branch } from '../../shared/protocol/entities.ts';
import { useHub } from '../shell/app-context.tsx';
import { CitizenHeader } from '../shell/CitizenHeader.tsx';
import { useFormat } from '../i18n/use-format.ts';
import { useSettings } from '../i18n/settings-store.ts';
import { QrCode } from '../kiosk/QrCode.tsx';
import { SlotPicker } from './SlotPicker.tsx';
import { citizenErrorText } from './citizen-error.ts';
import { HubError } from '../hub-client.ts';
import '../styles/track.css';
import '../styles/book.css';

type Bookable = { id: string; name: { ar: string; en: string }; daysAhead: number; slotMinutes: number };
type BookingInfo = { branch: Branch; services: Bookable[] };


function useBookingInfo() {
  const hub = useHub();
  const { t } = useTranslation();
  const [info, setInfo] = useState<BookingInfo | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    hub.publicRequest<BookingInfo>('GET', '/api/v1/public/booking').then(setInfo, (err: unknown) => setError(citizenErrorText(t, err)));
  }, [hub, t]);
  return { info, error };
}

export function BookPage() {
  const { code } = useParams();
  const { t } = useTranslation();
  const { info, error } = useBookingInfo();
  const lang = useSettings((s) => s.lang);
  return (
    <main className="track book" data-testid="book">
      <CitizenHeader />
      {info && <p className="muted center book-hall">{info.branch.name[lang]}</p>}
      {error && <p className="error" role="alert">{error}</p>}
      {info && (code ? <ManageBooking code={code} info={info} /> : <NewBooking info={info} />)}
      {!code && <LookUp />}
      {code && <p className="center"><Link to="/book">{t('book.another')}</Link></p>}
    </main>
  );
}

function NewBooking({ info }: { info: BookingInfo }) {
  const { t } = useTranslation();
  const hub = useHub();
  const navigate = useNavigate();
  const lang = useSettings((s) => s.lang);
  const f = useFormat(info.branch.timeZone);
  const [serviceId, setServiceId] = useState<string | null>(info.services.length === 1 ? info.services[0]!.id : null);
  const [slot, setSlot] = useState<Slot | null>(null);
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // The hall confirms phone numbers: the SMS's code, then the booking.
  const [pendingId, setPendingId] = useState<PendingBooking['verification'] | null>(null);
  const [smsCode, setSmsCode] = useState('');
  const service = info.services.find((s) => s.id === serviceId);

  const run = async (request: () => Promise<Appointment | PendingBooking>) => {
    setBusy(true);
    setError(null);
    try {
      const r = await request();
      if ('verification' in r) setPendingId(r.verification);
      else void navigate(`/book/${r.code}`, { state: { justBooked: true } });
    } catch (err) {
      setError(citizenErrorText(t, err));
      if (err instanceof HubError && err.code === 'slot_full') {
        setSlot(null);
        setPendingId(null);
      }
    } finally {
      setBusy(false);
    }
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!service || !slot || busy) return;
    void run(() => hub.publicRequest<Appointment | PendingBooking>('POST', '/api/v1/public/appointments', { serviceId: service.id, start: slot.start, name: name.trim(), phone: phone.trim(), lang }));
  };
  const confirmCode = (e: FormEvent) => {
    e.preventDefault();
    if (!pendingId || busy) return;
    void run(() => hub.publicRequest<Appointment>('POST', '/api/v1/public/appointments/confirm', { id: pendingId.id, code: smsCode.replace(/\D/g, '') }));
  };

  return (
    <>
      <section className="track-card book-intro">
        <h1>{t('book.title')}</h1>
        <p className="muted">{t('book.intro')}</p>
      </section>
      <section className="track-card book-step">
        <h2>{t('book.chooseService')}</h2>
        {info.services.length === 0 && <p className="muted">{t('book.noServices')}</p>}
        <div className="book-services" role="radiogroup" aria-label={t('book.chooseService')}>
          {info.services.map((s) => (
            <button key={s.id} type="button" role="radio" aria-checked={s.id === serviceId} className={`book-service ${s.id === serviceId ? 'on' : ''}`} onClick={() => { setServiceId(s.id); setSlot(null); }} data-testid={`book-service-${s.id}`}>
              {s.name[lang]}
            </button>
          ))}
        </div>
      </section>
      {service && (
        <section className="track-card book-step">
          <SlotPicker serviceId={service.id} daysAhead={service.daysAhead} timeZone={info.branch.timeZone} selected={slot?.start} onPick={setSlot} />
        </section>
      )}
      {service && slot && pendingId && (
        <form className="track-card book-step form" onSubmit={confirmCode} data-testid="book-verify">
          <h2>{t('book.verifyTitle')}</h2>
          <p>{t('book.verifyHelp', { phone: pendingId.phoneMasked })}</p>
          <label>
            {t('book.verifyCode')}
            <input value={smsCode} onChange={(e) => setSmsCode(e.target.value)} required inputMode="numeric" autoComplete="one-time-code" dir="ltr" maxLength={8} data-testid="book-verify-code" data-ident />
          </label>
          {error && <p className="error" role="alert" data-testid="book-error">{error}</p>}
          <button type="submit" className="btn-primary big" disabled={busy || smsCode.replace(/\D/g, '').length !== 6} data-testid="book-verify-submit">{t('book.verifySubmit')}</button>
        </form>
      )}
      {service && slot && !pendingId && (
        <form className="track-card book-step form" onSubmit={submit} data-testid="book-form">
          <h2>{t('book.yourDetails')}</h2>
          <label>
            {t('book.name')}
            <input value={name} onChange={(e) => setName(e.target.value)} required minLength={2} maxLength={80} autoComplete="name" data-testid="book-name" />
          </label>
          <label>
            {t('book.phone')}
            <input value={phone} onChange={(e) => setPhone(e.target.value)} required type="tel" inputMode="tel" dir="ltr" maxLength={24} autoComplete="tel" aria-describedby="book-phone-hint" data-testid="book-phone" />
            <span id="book-phone-hint" className="muted small">{t('book.phoneHint')}</span>
          </label>
          {error && <p className="error" role="alert" data-testid="book-error">{error}</p>}
          <button type="submit" className="btn-primary big" disabled={busy} data-testid="book-submit">
            {busy ? t('book.booking') : t('book.confirm', { time: `${f.date(slot.start)} ${f.time(slot.start)}` })}
          </button>
        </form>
      )}
    </>
  );
}

function ManageBooking({ code, info }: { code: string; info: BookingInfo }) {
  const { t } = useTranslation();
  const hub = useHub();
  const lang = useSettings((s) => s.lang);
  const f = useFormat(info.branch.timeZone);
  const [appt, setAppt] = useState<Appointment | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [moving, setMoving] = useState(false);
  const [confirming, setConfirming] = useState(false);
  // Moving asks first, like booking and cancelling: the new time is shown, then confirmed.
  const [moveTo, setMoveTo] = useState<Slot | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(() => {
    hub.publicRequest<Appointment>('GET', `/api/v1/public/appointments/${encodeURIComponent(code.replace(/\s/g, ''))}`).then(
      (a) => { setAppt(a); setError(null); },
      (err: unknown) => setError(err instanceof HubError && (err.status === 404 || err.status === 400) ? t('book.notFound') : citizenErrorText(t, err)),
    );
  }, [hub, code, t]);
  useEffect(load, [load]);

  const act = async (run: () => Promise<Appointment>, done: string) => {
    setBusy(true);
    setError(null);
    try {
      setAppt(await run());
      setNotice(done);
      setMoving(false);
      setConfirming(false);
      setMoveTo(null);
    } catch (err) {
      setError(citizenErrorText(t, err));
    } finally {
      setBusy(false);
    }
  };

  if (!appt) return error ? <p className="track-card error" role="alert" data-testid="book-error">{error}</p> : null;
  const when = t('book.when', { day: f.date(appt.start), time: f.time(appt.start) });
  const changeable = appt.status === 'booked' && Date.now() < Date.parse(appt.changeableUntil);
  const service = info.services.find((s) => s.id === appt.serviceId);
  return (
    <>
      <section className={`track-card book-ticket ${appt.status}`} aria-live="polite" data-testid="book-appointment" data-status={appt.status}>
        <p className="book-status"><span className={`badge ${appt.status === 'booked' || appt.status === 'checked_in' ? 'ok' : 'bad'}`}>{t(`book.status.${appt.status}`)}</span></p>
        <h1>{notice ?? (appt.status === 'booked' ? t('book.booked') : t(`book.status.${appt.status}`))}</h1>
        <p className="book-service-name">{appt.service[lang]}</p>
        <p className="book-when" data-testid="book-when">{when}</p>
        {appt.status === 'booked' && (
          <>
            <p className="muted">{t('book.yourCode')}</p>
            <p className="book-code ltr" data-testid="book-code" data-ident>{groupBookingCode(appt.code)}</p>
            <QrCode text={`${hub.baseUrl}/book/${appt.code}`} size={220} label={t('book.yourCode')} testId="book-qr" />
            <p>{t('book.qrHelp')}</p>
            <p className="muted">{t('book.checkInWindow', { from: f.time(appt.checkInFrom), until: f.time(appt.checkInUntil) })}</p>
          </>
        )}
      </section>
      {error && <p className="error" role="alert" data-testid="book-error">{error}</p>}
      {changeable && !moving && !confirming && (
        <section className="track-card book-actions">
          <p className="muted small">{t('book.changeUntil', { time: `${f.date(appt.changeableUntil)} ${f.time(appt.changeableUntil)}` })}</p>
          <div className="row">
            <button type="button" className="btn grow" onClick={() => setMoving(true)} data-testid="book-move">{t('book.move')}</button>
            <button type="button" className="btn-danger grow" onClick={() => setConfirming(true)} data-testid="book-cancel">{t('book.cancel')}</button>
          </div>
        </section>
      )}
      {confirming && (
        <section className="track-card" role="alertdialog" aria-labelledby="cancel-q">
          <p id="cancel-q">{t('book.cancelConfirm', { when })}</p>
          <div className="row">
            <button type="button" className="btn-danger grow" disabled={busy} onClick={() => void act(() => hub.publicRequest('DELETE', `/api/v1/public/appointments/${appt.code}`), t('book.cancelledDone'))} data-testid="book-cancel-yes">{t('book.cancelYes')}</button>
            <button type="button" className="btn grow" onClick={() => setConfirming(false)} data-testid="book-cancel-no">{t('book.cancelNo')}</button>
          </div>
        </section>
      )}
      {appt.status === 'booked' && !changeable && (
        <p className="track-card muted" data-testid="book-not-changeable">{t('book.notChangeable', { hall: info.branch.name[lang], address: info.branch.address?.[lang] || '' })}</p>
      )}
      {appt.status === 'booked' && (
        <p className="center"><button type="button" className="btn" onClick={() => downloadCalendar(appt, info.branch, lang, `${hub.baseUrl}/book/${appt.code}`)} data-testid="book-calendar">{t('book.addToCalendar')}</button></p>
      )}
      {moving && service && (
        <section className="track-card book-step">
          <h2>{t('book.moveTitle')}</h2>
          <SlotPicker serviceId={appt.serviceId} daysAhead={service.daysAhead} timeZone={info.branch.timeZone} selected={moveTo?.start} onPick={setMoveTo} />
          {moveTo && (
            <div className="book-move-confirm" role="alertdialog" aria-labelledby="move-q">
              <p id="move-q">{t('book.moveConfirm', { from: when, to: t('book.when', { day: f.date(moveTo.start), time: f.time(moveTo.start) }) })}</p>
              <button type="button" className="btn-primary big" disabled={busy} onClick={() => void act(() => hub.publicRequest('POST', `/api/v1/public/appointments/${appt.code}/move`, { start: moveTo.start }), t('book.moved'))} data-testid="book-move-yes">{t('book.moveYes')}</button>
            </div>
          )}
          <button type="button" className="btn" onClick={() => { setMoving(false); setMoveTo(null); }}>{t('book.back')}</button>
        </section>
      )}
    </>
  );
}

/** The appointment as an iCalendar file (.ics) a phone's calendar opens: its time, the service, the hall, its page. */
function downloadCalendar(appt: Appointment, branch: Branch, lang: 'ar' | 'en', url: string): void {
  const stamp = (iso: string) => iso.replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  const esc = (s: string) => s.replace(/[\\;,]/g, (c) => `\\${c}`).replace(/\n/g, '\\n');
  const lines = [
    'BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Dawr//Booking//EN', 'CALSCALE:GREGORIAN', 'BEGIN:VEVENT',
    `UID:${appt.code}@dawr`, `DTSTAMP:${stamp(new Date().toISOString())}`, `DTSTART:${stamp(appt.start)}`, `DTEND:${stamp(appt.end)}`,
    `SUMMARY:${esc(`${appt.service[lang]} — ${branch.name[lang]}`)}`,
    ...(branch.address?.[lang] ? [`LOCATION:${esc(branch.address[lang])}`] : []),
    `DESCRIPTION:${esc(`${groupBookingCode(appt.code)}\n${url}`)}`, `URL:${url}`,
    'BEGIN:VALARM', 'TRIGGER:-PT1H', 'ACTION:DISPLAY', `DESCRIPTION:${esc(appt.service[lang])}`, 'END:VALARM',
    'END:VEVENT', 'END:VCALENDAR',
  ];
  const a = document.createElement('a');
  a.href = URL.createObjectURL(new Blob([lines.join('\r\n')], { type: 'text/calendar' }));
  a.download = `appointment-${appt.code}.ics`;
  a.click();
  URL.revokeObjectURL(a.href);
}

function LookUp() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [code, setCode] = useState('');
  const digits = code.replace(/\D/g, '');
  return (
    <form className="track-card form book-lookup" onSubmit={(e) => { e.preventDefault(); if (digits.length === 12 || digits.length === 10) void navigate(`/book/${digits}`); }}>
      <label>
        {t('book.lookup')}
        <input value={code} onChange={(e) => setCode(e.target.value)} inputMode="numeric" dir="ltr" maxLength={16} placeholder="1234 5678 9012" aria-label={t('book.lookupCode')} data-testid="book-lookup-code" data-ident />
      </label>
      <button type="submit" className="btn" disabled={digits.length !== 12 && digits.length !== 10}>{t('book.lookupGo')}</button>
    </form>
  );
}
