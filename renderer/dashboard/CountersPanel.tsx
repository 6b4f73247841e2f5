// Counters, what each is doing and who is at it; a supervisor opens one for a clerk, ends a break
// or closes one from here (asked first). Device health where stations report it.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { deviceDetail } from '../i18n/device-text.ts';
import type { Counter } from '../../shared/protocol/entities.ts';
import type { ClerkEntry } from '../../shared/protocol/http.ts';
import type { HallTicket, DeviceHealthEntry } from '../store/apply-event.ts';
import { useFormat } from '../i18n/use-format.ts';
import { isolate } from '../../shared/i18n/format.ts';
import { useHub } from '../shell/app-context.tsx';
import { counterLabel } from '../counter/counter-label.ts';
import { ConfirmDialog } from '../ui/ConfirmDialog.tsx';
import type { DashboardActions } from './use-dashboard-actions.ts';

type Pending = { kind: 'open' | 'resume' | 'close'; counter: Counter };

export function CountersPanel({ counters, tickets, names, actions }: {
  counters: Counter[];
  tickets: Record<string, HallTicket>;
  /** Staff names by user id. */
  names: ReadonlyMap<string, string>;
  /** The supervisor's actions; absent for a manager, who watches. */
  actions?: DashboardActions;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const hub = useHub();
  const [pending, setPending] = useState<Pending | null>(null);
  const [free, setFree] = useState<ClerkEntry[]>([]);
  const [clerkId, setClerkId] = useState('');
  const name = (c: Counter) => counterLabel(t, f, c);
  const clerkName = (c: Counter) => (c.clerkId ? isolate(f.text(names.get(c.clerkId) ?? t('staffScreens.dashboard.clerks.unknown'))) : '');

  const ask = (p: Pending) => {
    setPending(p);
    if (p.kind === 'open') {
      setFree([]);
      setClerkId('');
      hub.get<ClerkEntry[]>('/api/v1/staff/clerks').then((list) => {
        const out = list.filter((c) => c.counterId === undefined);
        setFree(out);
        setClerkId(out[0]?.id ?? '');
      }, () => setFree([]));
    }
  };
  const confirm = () => {
    if (!pending || !actions) return;
    const c = pending.counter;
    setPending(null);
    if (pending.kind === 'close') void actions.closeCounter(c.id, t('staffScreens.dashboard.counter.closed', { counter: name(c) }));
    else if (pending.kind === 'resume') void actions.openCounter(c.id, undefined, t('staffScreens.dashboard.counter.resumed', { counter: name(c) }));
    else if (clerkId) void actions.openCounter(c.id, clerkId, t('staffScreens.dashboard.counter.opened', { counter: name(c), clerk: isolate(f.text(free.find((x) => x.id === clerkId)?.name ?? '')) }));
  };
  const p = pending;
  return (
    <section className="card" aria-labelledby="counters-title">
      <h2 id="counters-title">{t('dashboard.counters')}</h2>
      <ul className="counter-tiles" data-testid="dashboard-counters">
        {[...counters].sort((a, b) => a.number - b.number).map((c) => {
          const tk = c.ticketId ? tickets[c.ticketId] : undefined;
          const busyNote = `counter-${c.id}-busy`;
          return (
            <li key={c.id} className={`counter-tile state-${c.state}`} data-testid={`dash-counter-${c.number}`} data-state={c.state}>
              <strong>{name(c)}</strong>
              <span className={`badge ${c.state === 'open' ? 'ok' : c.state === 'break' ? 'warn' : ''}`}>{t(`counterState.${c.state}`)}</span>
              {c.clerkId && c.state !== 'closed' && <span className="small" data-testid="dash-counter-clerk">{t('staffScreens.dashboard.counter.clerkHere', { name: clerkName(c) })}</span>}
              {tk && <span className="small" id={busyNote}><span className="ticket-no">{f.ticket(tk.number)}</span> · {t(`status.${tk.status}`)}</span>}
              {actions && (
                <div className="tile-actions">
                  {c.state === 'closed' && (
                    <button type="button" className="btn small" disabled={actions.busy} onClick={() => ask({ kind: 'open', counter: c })} aria-label={t('staffScreens.dashboard.counter.openAria', { counter: name(c) })} data-testid={`dash-open-${c.number}`}>
                      {t('staffScreens.dashboard.counter.open')}
                    </button>
                  )}
                  {c.state === 'break' && (
                    <button type="button" className="btn small" disabled={actions.busy} onClick={() => ask({ kind: 'resume', counter: c })} aria-label={t('staffScreens.dashboard.counter.endBreakAria', { counter: name(c) })} data-testid={`dash-resume-${c.number}`}>
                      {t('staffScreens.dashboard.counter.endBreak')}
                    </button>
                  )}
                  {c.state !== 'closed' && (
                    <button
                      type="button" className="btn-danger small" disabled={actions.busy || Boolean(c.ticketId)} onClick={() => ask({ kind: 'close', counter: c })}
                      aria-label={t('staffScreens.dashboard.counter.closeAria', { counter: name(c) })} {...(tk ? { 'aria-describedby': busyNote, title: t('staffScreens.dashboard.counter.holds', { number: f.ticket(tk.number) }) } : {})}
                      data-testid={`dash-close-${c.number}`}
                    >
                      {t('staffScreens.dashboard.counter.close')}
                    </button>
                  )}
                </div>
              )}
            </li>
          );
        })}
      </ul>
      {actions && (
        <ConfirmDialog
          open={p !== null}
          danger={p?.kind === 'close'}
          busy={actions.busy || (p?.kind === 'open' && !clerkId)}
          testId="dash-counter-dialog"
          title={!p ? '' : p.kind === 'open' ? t('staffScreens.dashboard.counter.openTitle', { counter: name(p.counter) }) : p.kind === 'resume' ? t('staffScreens.dashboard.counter.endBreakTitle', { counter: name(p.counter) }) : t('staffScreens.dashboard.counter.closeTitle', { counter: name(p.counter) })}
          confirm={!p ? '' : p.kind === 'open' ? t('staffScreens.dashboard.counter.openYes') : p.kind === 'resume' ? t('staffScreens.dashboard.counter.endBreak') : t('staffScreens.dashboard.counter.closeYes')}
          onClose={() => setPending(null)}
          onConfirm={confirm}
          {...(p?.kind === 'open' ? {
            fields: free.length === 0 ? <p className="muted" role="status">{t('staffScreens.dashboard.counter.noFreeClerks')}</p> : (
              <label>
                {t('staffScreens.dashboard.counter.openFor')}
                <select className="field" value={clerkId} onChange={(e) => setClerkId(e.target.value)} data-testid="dash-open-clerk">
                  {free.map((c) => <option key={c.id} value={c.id}>{f.text(c.name)}</option>)}
                </select>
              </label>
            ),
          } : {})}
        >
          {p && <p>{p.kind === 'open' ? t('staffScreens.dashboard.counter.openHelp') : p.kind === 'resume' ? t('staffScreens.dashboard.counter.endBreakBody', { clerk: clerkName(p.counter) }) : t('staffScreens.dashboard.counter.closeBody', { clerk: clerkName(p.counter) })}</p>}
        </ConfirmDialog>
      )}
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
            <li key={`${d.deviceId}-${d.device}`} className="row" data-testid={`device-${d.device}`}>
              <span className="grow"><bdi data-ident>{d.name ?? d.deviceId}</bdi> · {t(`devices.${d.device}`, { defaultValue: d.device })}{deviceDetail(t, d) && <span className="muted small"> — {deviceDetail(t, d)}</span>}</span>
              <span className={`badge ${d.state === 'connected' ? 'ok' : d.state === 'paper_low' ? 'warn' : 'bad'}`}>{t(`deviceState.${d.state}`, { defaultValue: d.state })}</span>
              <span className="muted small">{f.time(d.at)}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
