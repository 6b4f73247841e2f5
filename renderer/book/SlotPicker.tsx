// The days a service takes bookings and the free times of the chosen day: big buttons for a thumb,
// the earliest free time first, then the morning and the afternoon (the grid scrolls with the page).
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { addDays, businessDay } from '../../shared/domain/business-day.ts';
import type { Slot, SlotsResponse } from '../../shared/protocol/appointments.ts';
import { useHub } from '../shell/app-context.tsx';
import { useFormat } from '../i18n/use-format.ts';
import { hourIn, locale } from '../../shared/i18n/format.ts';
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

  // The earliest free time of the day, offered first: most people want the soonest.
  const firstFree = slots?.find((s) => s.free > 0);

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
        <>
          {firstFree && (
            <button type="button" className={`slot first-free ${firstFree.start === selected ? 'on' : ''}`} onClick={() => onPick(firstFree)} data-testid="book-first-free">
              <strong>{t('book.firstFree', { time: f.time(firstFree.start) })}</strong>
            </button>
          )}
          {(['morning', 'afternoon'] as const).map((part) => {
            const these = slots.filter((s) => (hourIn(s.start, timeZone) < 12) === (part === 'morning'));
            if (these.length === 0) return null;
            return (
              <section key={part} aria-labelledby={`slots-${part}`}>
                <h3 id={`slots-${part}`} className="slot-part">{t(`book.${part}`)}</h3>
                <div className="slot-grid" role="radiogroup" aria-labelledby={`slots-${part}`}>
                  {these.map((s) => (
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
              </section>
            );
          })}
        </>
      )}
    </div>
  );
}
