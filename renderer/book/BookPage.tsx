// The public booking page (brief §11), phone first, no account: a service, a day, a free time, a
// name and a mobile number → a booking code and its QR. `/book/<code>` shows one booking, and
// moves or cancels it until its cut-off.
import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { useNavigate, useParams, Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { type Appointment, groupBookingCode, type Slot } from '../../shared/protocol/appointments.ts';
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
  const service = info.services.find((s) => s.id === serviceId);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!service || !slot || busy) return;
    setBusy(true);
    setError(null);
    try {
      const booked = await hub.publicRequest<Appointment>('POST', '/api/v1/public/appointments', { serviceId: service.id, start: slot.start, name: name.trim(), phone: phone.trim(), lang });
      void navigate(`/book/${booked.code}`, { state: { justBooked: true } });
    } catch (err) {
      setError(citizenErrorText(t, err));
      if (err instanceof HubError && err.code === 'slot_full') setSlot(null);
    } finally {
      setBusy(false);
    }
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
      {service && slot && (
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
            <p className="book-code ltr" data-testid="book-code">{groupBookingCode(appt.code)}</p>
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
      {moving && service && (
        <section className="track-card book-step">
          <h2>{t('book.moveTitle')}</h2>
          <SlotPicker serviceId={appt.serviceId} daysAhead={service.daysAhead} timeZone={info.branch.timeZone} onPick={(s) => void act(() => hub.publicRequest('POST', `/api/v1/public/appointments/${appt.code}/move`, { start: s.start }), t('book.moved'))} />
          <button type="button" className="btn" onClick={() => setMoving(false)}>{t('book.back')}</button>
        </section>
      )}
    </>
  );
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
        <input value={code} onChange={(e) => setCode(e.target.value)} inputMode="numeric" dir="ltr" maxLength={16} placeholder="1234 5678 9012" aria-label={t('book.lookupCode')} data-testid="book-lookup-code" />
      </label>
      <button type="submit" className="btn" disabled={digits.length !== 12 && digits.length !== 10}>{t('book.lookupGo')}</button>
    </form>
  );
}
