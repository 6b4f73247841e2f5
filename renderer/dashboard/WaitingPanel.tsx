// The waiting tickets, longest wait first, and where each waits (its service, or the counter or
// clerk it was sent to). A supervisor moves one to another service or cancels it (asked first).
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Counter, Service } from '../../shared/protocol/entities.ts';
import type { HallTicket } from '../store/apply-event.ts';
import { useFormat } from '../i18n/use-format.ts';
import { isolate, minutesBetween } from '../../shared/i18n/format.ts';
import { counterLabel } from '../counter/counter-label.ts';
import { ConfirmDialog } from '../ui/ConfirmDialog.tsx';
import type { DashboardActions } from './use-dashboard-actions.ts';

const SHOWN = 15;

export function WaitingPanel({ tickets, services, counters, names, now, actions }: {
  tickets: HallTicket[];
  services: Service[];
  counters: Counter[];
  names: ReadonlyMap<string, string>;
  now: number;
  actions?: DashboardActions;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const [pending, setPending] = useState<{ kind: 'move' | 'cancel'; ticket: HallTicket } | null>(null);
  const [serviceId, setServiceId] = useState('');
  const waiting = useMemo(() => tickets.filter((x) => x.status === 'waiting').sort((a, b) => a.issuedAt.localeCompare(b.issuedAt)), [tickets]);
  const svc = (id: string) => services.find((s) => s.id === id);
  const reservedFor = (x: HallTicket): string | undefined => {
    if (x.targetCounterId !== undefined) {
      const c = counters.find((k) => k.id === x.targetCounterId);
      return c ? counterLabel(t, f, c) : x.targetCounterId;
    }
    if (x.targetClerkId !== undefined) return isolate(names.get(x.targetClerkId) ?? t('staffScreens.dashboard.clerks.unknown'));
    return undefined;
  };
  const choices = (x: HallTicket) => services.filter((s) => s.active && (s.id !== x.serviceId || reservedFor(x) !== undefined));
  const ask = (kind: 'move' | 'cancel', ticket: HallTicket) => {
    setPending({ kind, ticket });
    if (kind === 'move') setServiceId(choices(ticket).find((s) => s.id !== ticket.serviceId)?.id ?? choices(ticket)[0]?.id ?? '');
  };
  const confirm = () => {
    if (!pending || !actions) return;
    const x = pending.ticket;
    setPending(null);
    if (pending.kind === 'cancel') void actions.cancelTicket(x.id, t('staffScreens.dashboard.waiting.cancelled', { number: f.ticket(x.number) }));
    else if (serviceId) void actions.moveTicket(x.id, serviceId, t('staffScreens.dashboard.waiting.moved', { number: f.ticket(x.number), service: f.name(svc(serviceId)!.name) }));
  };
  const p = pending;
  return (
    <section className="card" aria-labelledby="waiting-title" data-testid="dash-waiting">
      <h2 id="waiting-title">{t('staffScreens.dashboard.waiting.title')} <span className="badge">{f.n(waiting.length)}</span></h2>
      <p className="muted small">{t('staffScreens.dashboard.waiting.help')}</p>
      {waiting.length === 0 ? (
        <p className="muted">{t('staffScreens.dashboard.waiting.empty')}</p>
      ) : (
        <div className="table-scroll">
          <table className="data">
            <thead>
              <tr>
                <th>{t('staffScreens.dashboard.waiting.number')}</th><th>{t('staffScreens.dashboard.waiting.service')}</th><th>{t('staffScreens.dashboard.waiting.waited')}</th>
                {actions && <th>{t('staffScreens.dashboard.waiting.actions')}</th>}
              </tr>
            </thead>
            <tbody>
              {waiting.slice(0, SHOWN).map((x) => {
                const s = svc(x.serviceId);
                const w = Math.round(minutesBetween(x.issuedAt, now));
                const to = reservedFor(x);
                return (
                  <tr key={x.id} data-testid="dash-waiting-row" data-number={x.number}>
                    <td>
                      <span className="ticket-no">{f.ticket(x.number)}</span>{' '}
                      {x.priority !== 'none' && <span className="badge bad small">{t(`priority.${x.priority}`)}</span>}
                    </td>
                    <td>
                      {s ? f.name(s.name) : x.serviceId}
                      {to && <> <span className="badge warn small" data-testid="dash-waiting-reserved">{t('staffScreens.dashboard.waiting.reservedFor', { to })}</span></>}
                    </td>
                    <td className={s && w > s.targetWaitMinutes ? 'late' : ''}>{t('common.minutes', { count: w, n: f.n(w) })}</td>
                    {actions && (
                      <td className="row-actions">
                        <button type="button" className="btn small" disabled={actions.busy} onClick={() => ask('move', x)} aria-label={t('staffScreens.dashboard.waiting.moveAria', { number: x.number })} data-testid={`dash-move-${x.number}`}>
                          {t('staffScreens.dashboard.waiting.move')}
                        </button>
                        <button type="button" className="btn-danger small" disabled={actions.busy} onClick={() => ask('cancel', x)} aria-label={t('staffScreens.dashboard.waiting.cancelAria', { number: x.number })} data-testid={`dash-cancel-${x.number}`}>
                          {t('staffScreens.dashboard.waiting.cancel')}
                        </button>
                      </td>
                    )}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {waiting.length > SHOWN && <p className="muted small">{t('staffScreens.dashboard.waiting.more', { n: f.n(waiting.length - SHOWN) })}</p>}
      {actions && (
        <ConfirmDialog
          open={p !== null}
          danger={p?.kind === 'cancel'}
          busy={actions.busy || (p?.kind === 'move' && !serviceId)}
          testId="dash-ticket-dialog"
          title={!p ? '' : p.kind === 'move' ? t('staffScreens.dashboard.waiting.moveTitle', { number: f.ticket(p.ticket.number) }) : t('staffScreens.dashboard.waiting.cancelTitle', { number: f.ticket(p.ticket.number) })}
          confirm={p?.kind === 'move' ? t('staffScreens.dashboard.waiting.moveYes') : t('staffScreens.dashboard.waiting.cancelYes')}
          onClose={() => setPending(null)}
          onConfirm={confirm}
          {...(p?.kind === 'move' ? {
            fields: (
              <label>
                {t('staffScreens.dashboard.waiting.moveTo')}
                <select className="field" value={serviceId} onChange={(e) => setServiceId(e.target.value)} data-testid="dash-move-service">
                  {choices(p.ticket).map((s) => <option key={s.id} value={s.id}>{s.prefix} · {f.name(s.name)}</option>)}
                </select>
              </label>
            ),
          } : {})}
        >
          <p>{p?.kind === 'move' ? t('staffScreens.dashboard.waiting.moveHelp') : t('staffScreens.dashboard.waiting.cancelBody')}</p>
        </ConfirmDialog>
      )}
    </section>
  );
}
