// Staff: the day's appointments (who, when, checked in with which ticket, missed) and, for a
// manager or admin, each service's booking rule.
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { businessDay } from '../../shared/domain/business-day.ts';
import type { BookingRule, DayAppointments } from '../../shared/protocol/appointments.ts';
import { useHub } from '../shell/app-context.tsx';
import { TopBar } from '../shell/TopBar.tsx';
import { useHall } from '../store/hall-store.ts';
import { useSession } from '../store/session-store.ts';
import { useFormat } from '../i18n/use-format.ts';
import { citizenErrorText } from '../book/citizen-error.ts';
import '../styles/admin.css';
import { DateField, NumberField, TimeField } from '../ui/fields.tsx';

type Rule = BookingRule & { maxPerSlot: number };

export function AppointmentsPage() {
  const { t } = useTranslation();
  const hub = useHub();
  const f = useFormat();
  const role = useSession((s) => s.staff?.user.role);
  const services = useHall((s) => s.services);
  const tz = useHall((s) => s.branch?.timeZone) ?? 'Asia/Riyadh';
  const [day, setDay] = useState(() => businessDay(Date.now(), tz));
  const [data, setData] = useState<DayAppointments | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    hub.get<DayAppointments>(`/api/v1/appointments?date=${day}`).then((d) => live && setData(d), (err: unknown) => live && setError(citizenErrorText(t, err)));
    return () => {
      live = false;
    };
  }, [hub, day, t]);

  const serviceName = (id: string) => {
    const s = services.find((x) => x.id === id);
    return s ? f.name(s.name) : id;
  };
  return (
    <div data-testid="appointments">
      <TopBar title={t('appointments.title')} />
      <main className="page admin-section">
        <div className="row">
          <label className="row">
            {t('appointments.day')}
            <DateField className="field" value={day} onChange={setDay} data-testid="appointments-day" />
          </label>
          <a href="/book" className="btn-quiet">{t('appointments.bookingPage')}</a>
        </div>
        {error && <p className="error" role="alert">{error}</p>}
        {data && (
          <>
            <p className="muted" data-testid="appointments-counts">
              {t('appointments.counts', { booked: f.n(data.counts.booked), checked_in: f.n(data.counts.checked_in), missed: f.n(data.counts.missed), cancelled: f.n(data.counts.cancelled) })}
            </p>
            {data.appointments.length === 0 ? (
              <p className="muted">{t('appointments.none')}</p>
            ) : (
              <table className="data" data-testid="appointments-table">
                <thead>
                  <tr>
                    <th scope="col">{t('appointments.time')}</th>
                    <th scope="col">{t('appointments.service')}</th>
                    <th scope="col">{t('appointments.name')}</th>
                    <th scope="col">{t('appointments.phone')}</th>
                    <th scope="col">{t('appointments.status')}</th>
                    <th scope="col">{t('appointments.ticket')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.appointments.map((a) => (
                    <tr key={a.code} data-status={a.status}>
                      <td className="num">{f.time(a.start)}</td>
                      <td>{serviceName(a.serviceId)}</td>
                      <td>{a.name}</td>
                      <td className="ltr" data-ident>{a.phoneMasked}</td>
                      <td><span className={`badge ${a.status === 'checked_in' ? 'ok' : a.status === 'booked' ? '' : 'bad'}`}>{t(`book.status.${a.status}`)}</span></td>
                      <td className="ticket-no">{a.ticketNumber ?? ''}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </>
        )}
        {(role === 'manager' || role === 'admin') && <BookingRules serviceName={serviceName} />}
      </main>
    </div>
  );
}

function BookingRules({ serviceName }: { serviceName: (id: string) => string }) {
  const { t } = useTranslation();
  const hub = useHub();
  const [rules, setRules] = useState<Rule[] | null>(null);
  const load = useCallback(() => void hub.get<Rule[]>('/api/v1/admin/booking-rules').then(setRules), [hub]);
  useEffect(load, [load]);
  if (!rules) return null;
  return (
    <section className="admin-section" aria-labelledby="rules-title">
      <h2 id="rules-title">{t('appointments.rules')}</h2>
      <p className="muted">{t('appointments.rulesHelp')}</p>
      {rules.map((r) => <RuleForm key={r.serviceId} rule={r} name={serviceName(r.serviceId)} />)}
    </section>
  );
}

function RuleForm({ rule, name }: { rule: Rule; name: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  const hub = useHub();
  const { maxPerSlot, ...initial } = rule;
  const [r, setR] = useState<BookingRule>(initial);
  const [state, setState] = useState<'idle' | 'saving' | 'saved'>('idle');
  const [error, setError] = useState<string | null>(null);
  const days = t('appointments.weekday', { returnObjects: true }) as string[];
  const num = (k: keyof BookingRule, label: string, min: number, max: number) => (
    <label>
      {label}
      <NumberField min={min} max={max} value={r[k] as number} onChange={(v) => setR({ ...r, [k]: v })} />
    </label>
  );
  const save = async () => {
    setState('saving');
    setError(null);
    try {
      await hub.request('PUT', `/api/v1/admin/booking-rules/${encodeURIComponent(r.serviceId)}`, r);
      setState('saved');
    } catch (err) {
      setState('idle');
      setError(citizenErrorText(t, err));
    }
  };
  return (
    <form className="card form admin-form" onSubmit={(e) => { e.preventDefault(); void save(); }} data-testid={`rule-${r.serviceId}`}>
      <h3>{name}</h3>
      <label className="row">
        <input type="checkbox" checked={r.enabled} onChange={(e) => setR({ ...r, enabled: e.target.checked })} />
        {t('appointments.enabled')}
      </label>
      <fieldset className="row">
        <legend>{t('appointments.weekdays')}</legend>
        {days.map((d, i) => (
          <label key={d} className="row">
            <input type="checkbox" checked={r.weekdays.includes(i)} onChange={(e) => setR({ ...r, weekdays: e.target.checked ? [...r.weekdays, i].sort() : r.weekdays.filter((x) => x !== i) })} />
            {d}
          </label>
        ))}
      </fieldset>
      <div className="form-grid">
        <label>{t('appointments.from')}<TimeField value={r.from} onChange={(v) => setR({ ...r, from: v })} /></label>
        <label>{t('appointments.to')}<TimeField value={r.to === '24:00' ? '23:59' : r.to} onChange={(v) => setR({ ...r, to: v })} /></label>
        {num('slotMinutes', t('appointments.slotMinutes'), 5, 240)}
        {num('perSlot', t('appointments.perSlot', { max: f.n(maxPerSlot) }), 1, maxPerSlot)}
        {num('daysAhead', t('appointments.daysAhead'), 0, 90)}
        {num('cancelCutoffMinutes', t('appointments.cutoff'), 0, 2880)}
        {num('checkInEarlyMinutes', t('appointments.early'), 0, 240)}
        {num('checkInLateMinutes', t('appointments.late'), 0, 240)}
      </div>
      {error && <p className="error" role="alert">{error}</p>}
      <div className="row">
        <button type="submit" className="btn-primary" disabled={state === 'saving'}>{t('appointments.save')}</button>
        {state === 'saved' && <span className="badge ok" role="status">{t('appointments.saved')}</span>}
      </div>
    </form>
  );
}
