// The days a service takes bookings and the free times of the chosen day: big buttons for a thumb.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { addDays, businessDay } from '../../shared/domain/business-day.ts';
import type { Slot, SlotsResponse } from '../../shared/protocol/appointments.ts';
import { useHub } from '../shell/app-context.tsx';
import { useFormat } from '../i18n/use-format.ts';
import { locale } from '../../shared/i18n/format.ts';
import { citizenErrorText } from './citizen-error.ts';

export function SlotPicker({ serviceId, daysAhead, timeZone, selected, onPick }: { serviceId: string; daysAhead: number; timeZone: string; selected?: string | undefined; onPick: (slot: Slot) => void }) {
  const { t } = useTranslation();
  const hub = useHub();
  const f = useFormat(timeZone);
  const today = businessDay(Date.now(), timeZone);
  const days = Array.from({ length: daysAhead + 1 }, (_, i) => addDays(today, i));
  const [day, setDay] = useState(days[0]!);
  const [slots, setSlots] = useState<Slot[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    setSlots(null);
    setError(null);
    hub
      .publicRequest<SlotsResponse>('GET', `/api/v1/public/slots?service=${encodeURIComponent(serviceId)}&date=${day}`)
      .then((r) => live && setSlots(r.slots))
      .catch((err: unknown) => live && setError(citizenErrorText(t, err)));
    return () => {
      live = false;
    };
  }, [hub, serviceId, day, t]);

  const dayLabel = (d: string) => {
    const date = new Date(`${d}T12:00:00Z`);
    const fmt = (o: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat(locale(f), { ...o, timeZone: 'UTC' }).format(date);
    return { weekday: fmt({ weekday: 'short' }), date: fmt({ day: 'numeric', month: 'short' }) };
  };

  return (
    <div className="slot-picker">
      <h2>{t('book.chooseDay')}</h2>
      <div className="day-strip" role="radiogroup" aria-label={t('book.chooseDay')}>
        {days.map((d) => {
          const l = dayLabel(d);
          return (
            <button key={d} type="button" role="radio" aria-checked={d === day} className={`day-chip ${d === day ? 'on' : ''}`} onClick={() => setDay(d)} data-testid={`book-day-${d}`}>
              <span>{l.weekday}</span>
              <strong>{l.date}</strong>
            </button>
          );
        })}
      </div>
      <h2>{t('book.chooseTime')}</h2>
      {error && <p className="error" role="alert">{error}</p>}
      {!slots && !error && <p className="muted" aria-busy="true">…</p>}
      {slots && slots.length === 0 && <p className="muted" data-testid="book-no-slots">{t('book.noSlots')}</p>}
      {slots && slots.length > 0 && (
        <div className="slot-grid" role="radiogroup" aria-label={t('book.chooseTime')}>
          {slots.map((s) => (
            <button
              key={s.start}
              type="button"
              role="radio"
              aria-checked={s.start === selected}
              className={`slot ${s.start === selected ? 'on' : ''}`}
              disabled={s.free === 0}
              onClick={() => onPick(s)}
              data-testid="book-slot"
              data-start={s.start}
            >
              <strong>{f.time(s.start)}</strong>
              <span className="small">{s.free === 0 ? t('book.full') : t('book.free', { count: s.free, n: f.n(s.free) })}</span>
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
