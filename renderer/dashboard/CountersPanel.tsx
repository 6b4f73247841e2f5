// Counters and what each is doing; device health where stations report it.
import { useTranslation } from 'react-i18next';
import type { Counter } from '../../shared/protocol/entities.ts';
import type { HallTicket, DeviceHealthEntry } from '../store/apply-event.ts';
import { useFormat } from '../i18n/use-format.ts';
import { counterLabel } from '../counter/counter-label.ts';

export function CountersPanel({ counters, tickets }: { counters: Counter[]; tickets: Record<string, HallTicket> }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <section className="card" aria-labelledby="counters-title">
      <h2 id="counters-title">{t('dashboard.counters')}</h2>
      <ul className="counter-tiles" data-testid="dashboard-counters">
        {[...counters].sort((a, b) => a.number - b.number).map((c) => {
          const tk = c.ticketId ? tickets[c.ticketId] : undefined;
          return (
            <li key={c.id} className={`counter-tile state-${c.state}`} data-testid={`dash-counter-${c.number}`} data-state={c.state}>
              <strong>{counterLabel(t, f, c)}</strong>
              <span className={`badge ${c.state === 'open' ? 'ok' : c.state === 'break' ? 'warn' : ''}`}>{t(`counterState.${c.state}`)}</span>
              {tk && <span className="small"><span className="ticket-no">{f.ticket(tk.number)}</span> · {t(`status.${tk.status}`)}</span>}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

export function DevicesPanel({ devices }: { devices: DeviceHealthEntry[] }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <section className="card" aria-labelledby="devices-title">
      <h2 id="devices-title">{t('dashboard.devices')}</h2>
      {devices.length === 0 ? (
        <p className="muted">{t('dashboard.noDeviceReports')}</p>
      ) : (
        <ul className="device-list" data-testid="device-health">
          {devices.map((d) => (
            <li key={`${d.deviceId}-${d.device}`} className="row">
              <span className="grow">{d.deviceId} · {t(`devices.${d.device}`, { defaultValue: d.device })}</span>
              <span className={`badge ${d.state === 'connected' ? 'ok' : d.state === 'paper_low' ? 'warn' : 'bad'}`}>{t(`deviceState.${d.state}`, { defaultValue: d.state })}</span>
              <span className="muted small">{f.time(d.at)}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
