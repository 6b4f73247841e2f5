// The hall's settings (GET/PUT /api/v1/admin/settings): names, address, time zone, digits, kiosk
// reset, opening hours and holidays, routing, recall limit, retention. The form holds exactly
// what GET returned and PUTs it back changed; every screen gets the change at once.
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { HallSettings } from '../../shared/protocol/settings.ts';
import type { DayHours } from '../../shared/protocol/opening-hours.ts';
import { useHub } from '../shell/app-context.tsx';
import { errorText } from './use-admin-list.ts';
import { DateField, NumberField, TimeField } from '../ui/fields.tsx';

const WEEKDAYS = [0, 1, 2, 3, 4, 5, 6];
const ZONES = ['Asia/Riyadh', 'Asia/Damascus', 'Asia/Dubai', 'Asia/Kuwait', 'Asia/Qatar', 'Asia/Bahrain', 'Asia/Muscat', 'Asia/Amman', 'Asia/Baghdad', 'Africa/Cairo', 'UTC'];

export function SettingsAdmin() {
  const { t } = useTranslation();
  const hub = useHub();
  const [s, setS] = useState<HallSettings | null>(null);
  const [msg, setMsg] = useState<{ ok: boolean; text: string } | null>(null);
  useEffect(() => {
    hub.get<HallSettings>('/api/v1/admin/settings').then(setS, (e: unknown) => setMsg({ ok: false, text: errorText(e) }));
  }, [hub]);
  if (!s) return msg ? <p className="error" role="alert">{msg.text}</p> : <p>{t('common.loading')}</p>;

  const set = (patch: Partial<HallSettings>) => setS({ ...s, ...patch });
  const setDay = (d: number, v: DayHours | null) => set({ hours: { ...s.hours, weekly: s.hours.weekly.map((x, i) => (i === d ? v : x)) } });
  const save = async (e: FormEvent) => {
    e.preventDefault();
    try {
      setS(await hub.request<HallSettings>('PUT', '/api/v1/admin/settings', s));
      setMsg({ ok: true, text: t('admin.saved') });
    } catch (err) {
      setMsg({ ok: false, text: errorText(err) });
    }
  };

  return (
    <form className="admin-section settings-form" data-testid="admin-settings" onSubmit={save}>
      <fieldset className="card form">
        <legend>{t('settings.hall')}</legend>
        <div className="form-grid">
          <label>{t('settings.nameAr')}<input value={s.name.ar} onChange={(e) => set({ name: { ...s.name, ar: e.target.value } })} required lang="ar" dir="rtl" data-testid="set-name-ar" /></label>
          <label>{t('settings.nameEn')}<input value={s.name.en} onChange={(e) => set({ name: { ...s.name, en: e.target.value } })} required lang="en" dir="ltr" data-testid="set-name-en" /></label>
          <label>{t('settings.addressAr')}<input value={s.address.ar} onChange={(e) => set({ address: { ...s.address, ar: e.target.value } })} lang="ar" dir="rtl" data-testid="set-address-ar" /></label>
          <label>{t('settings.addressEn')}<input value={s.address.en} onChange={(e) => set({ address: { ...s.address, en: e.target.value } })} lang="en" dir="ltr" data-testid="set-address-en" /></label>
          <label>{t('settings.timeZone')}<input value={s.timeZone} onChange={(e) => set({ timeZone: e.target.value })} list="time-zones" required dir="ltr" data-testid="set-timezone" /></label>
          <datalist id="time-zones">{ZONES.map((z) => <option key={z} value={z} />)}</datalist>
          <fieldset className="radio-group">
            <legend>{t('settings.digits')}</legend>
            <label className="radio"><input type="radio" name="digits" checked={s.digits === 'arab'} onChange={() => set({ digits: 'arab' })} data-testid="set-digits-arab" />{t('settings.digitsArab')}</label>
            <label className="radio" data-ident><input type="radio" name="digits" checked={s.digits === 'latn'} onChange={() => set({ digits: 'latn' })} data-testid="set-digits-latn" />{t('settings.digitsLatn')}</label>
          </fieldset>
          <label>{t('settings.kioskReset')}<NumberField min={5} max={300} value={s.kioskResetSeconds} onChange={(v) => set({ kioskResetSeconds: v })} required data-testid="set-kiosk-reset" /></label>
        </div>
      </fieldset>

      <fieldset className="card form">
        <legend>{t('settings.hours')}</legend>
        <label className="radio"><input type="checkbox" checked={s.hours.always} onChange={(e) => set({ hours: { ...s.hours, always: e.target.checked } })} data-testid="set-always-open" />{t('settings.alwaysOpen')}</label>
        <table className="data" data-testid="set-hours">
          <thead><tr><th>{t('settings.day')}</th><th>{t('settings.openDay')}</th><th>{t('settings.opens')}</th><th>{t('settings.closes')}</th></tr></thead>
          <tbody>
            {WEEKDAYS.map((d) => {
              const h = s.hours.weekly[d] ?? null;
              const day = t(`settings.weekdays.${d}`);
              return (
                <tr key={d} data-day={d}>
                  <th scope="row">{day}</th>
                  <td><input type="checkbox" checked={h !== null} disabled={s.hours.always} onChange={(e) => setDay(d, e.target.checked ? { open: '08:00', close: '15:00' } : null)} aria-label={`${t('settings.openDay')} — ${day}`} data-testid={`set-open-${d}`} /></td>
                  <td><TimeField value={h?.open ?? ''} disabled={!h || s.hours.always} onChange={(v) => h && setDay(d, { ...h, open: v })} aria-label={`${t('settings.opens')} — ${day}`} data-testid={`set-opens-${d}`} /></td>
                  <td><TimeField value={h?.close ?? ''} disabled={!h || s.hours.always} onChange={(v) => h && setDay(d, { ...h, close: v })} aria-label={`${t('settings.closes')} — ${day}`} data-testid={`set-closes-${d}`} /></td>
                </tr>
              );
            })}
          </tbody>
        </table>
        <h3>{t('settings.holidays')}</h3>
        <ul className="plain" data-testid="set-holidays">
          {s.hours.holidays.map((h, i) => {
            const put = (v: typeof h) => set({ hours: { ...s.hours, holidays: s.hours.holidays.map((x, j) => (j === i ? v : x)) } });
            return (
              <li key={i} className="row">
                <label>{t('settings.date')}<DateField value={h.date} onChange={(v) => put({ ...h, date: v })} required /></label>
                <label>{t('settings.nameAr')}<input value={h.name.ar} onChange={(e) => put({ ...h, name: { ...h.name, ar: e.target.value } })} lang="ar" dir="rtl" /></label>
                <label>{t('settings.nameEn')}<input value={h.name.en} onChange={(e) => put({ ...h, name: { ...h.name, en: e.target.value } })} lang="en" dir="ltr" /></label>
                <button type="button" className="btn" onClick={() => set({ hours: { ...s.hours, holidays: s.hours.holidays.filter((_, j) => j !== i) } })}>{t('settings.removeHoliday')}</button>
              </li>
            );
          })}
        </ul>
        <button type="button" className="btn" onClick={() => set({ hours: { ...s.hours, holidays: [...s.hours.holidays, { date: new Date().toISOString().slice(0, 10), name: { ar: '', en: '' } }] } })} data-testid="set-add-holiday">{t('settings.addHoliday')}</button>
      </fieldset>

      <fieldset className="card form">
        <legend>{t('settings.queue')}</legend>
        <div className="form-grid">
          <label>{t('settings.priorityFactor')}<NumberField min={1} max={10} step={0.1} value={s.routing.priorityFactor} onChange={(v) => set({ routing: { ...s.routing, priorityFactor: v } })} required data-testid="set-priority-factor" /></label>
          <label>{t('settings.overdueFactor')}<NumberField min={1.1} max={10} step={0.1} value={s.routing.overdueFactor} onChange={(v) => set({ routing: { ...s.routing, overdueFactor: v } })} required data-testid="set-overdue-factor" /></label>
          <label>{t('settings.recallLimit')}<NumberField min={0} max={10} value={s.recallLimit} onChange={(v) => set({ recallLimit: v })} required data-testid="set-recall-limit" /></label>
          <label>{t('settings.retention')}<NumberField min={1} max={3650} value={s.retention.personalDataDays} onChange={(v) => set({ retention: { ...s.retention, personalDataDays: v } })} required data-testid="set-retention" /></label>
          <label>{t('settings.complaintsDeadline')}<NumberField min={1} max={60} value={s.complaints.answerWithinWorkingDays} onChange={(v) => set({ complaints: { answerWithinWorkingDays: v } })} required data-testid="set-complaints-deadline" /></label>
          <label>{t('settings.unusedAppointments')}<NumberField min={1} max={3650} value={s.retention.unusedAppointmentDays} onChange={(v) => set({ retention: { ...s.retention, unusedAppointmentDays: v } })} required data-testid="set-retention-unused" /></label>
        </div>
      </fieldset>
      {msg && <p className={msg.ok ? 'notice' : 'error'} role={msg.ok ? 'status' : 'alert'} data-testid="set-message">{msg.text}</p>}
      <div className="row"><button type="submit" className="btn-primary" data-testid="set-save">{t('admin.save')}</button></div>
    </form>
  );
}
