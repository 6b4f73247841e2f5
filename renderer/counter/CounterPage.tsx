// The counter station: the ticket in hand and its actions, the queue, parked tickets, my day.
import { useCallback, useMemo, useRef, useState } from 'react';
import type { Ticket } from '../../shared/protocol/entities.ts';
import { Trans, useTranslation } from 'react-i18next';
import { TopBar } from '../shell/TopBar.tsx';
import { useHall } from '../store/hall-store.ts';
import { useFormat } from '../i18n/use-format.ts';
import { useNow } from '../shell/use-now.ts';
import { CounterPicker } from './CounterPicker.tsx';
import { legalActions, type CounterAction } from './legal-actions.ts';
import { useCounterActions } from './use-counter-actions.ts';
import { useShortcuts } from './use-shortcuts.ts';
import { useQueue } from './use-queue.ts';
import { ActionBar } from './ActionBar.tsx';
import { TicketInHand } from './TicketInHand.tsx';
import { QueuePanel } from './QueuePanel.tsx';
import { ParkedPanel } from './ParkedPanel.tsx';
import { MyDay } from './MyDay.tsx';
import { CompleteDialog } from './CompleteDialog.tsx';
import { TransferDialog } from './TransferDialog.tsx';
import { ConfirmDialog } from '../ui/ConfirmDialog.tsx';
import { useSession } from '../store/session-store.ts';
import '../styles/counter.css';
import '../styles/staff.css';
import { counterLabel } from './counter-label.ts';

const counterKey = 'dawr.counter';

export function CounterPage() {
  const { t } = useTranslation();
  const [counterId, setCounterId] = useState<string | null>(() => sessionStorage.getItem(counterKey));
  const choose = (id: string | null) => {
    if (id) sessionStorage.setItem(counterKey, id);
    else sessionStorage.removeItem(counterKey);
    setCounterId(id);
  };
  const counter = useHall((s) => s.counters.find((c) => c.id === counterId));
  const ready = useHall((s) => s.ready);
  return (
    <div className="counter-app" data-testid="counter">
      <TopBar title={t('screens.counter.title')}>
        {counter && (
          <button type="button" className="btn-quiet" onClick={() => choose(null)} data-testid="change-counter">{t('counter.change')}</button>
        )}
      </TopBar>
      {counterId && counter && counter.state !== 'closed' ? (
        <CounterDesk counterId={counterId} onClosed={() => choose(null)} />
      ) : ready || !counterId ? (
        <CounterPicker onChosen={choose} />
      ) : (
        <p className="page muted">{t('shell.connecting')}</p>
      )}
    </div>
  );
}

function CounterDesk({ counterId, onClosed }: { counterId: string; onClosed: () => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const now = useNow(15_000);
  const counter = useHall((s) => s.counters.find((c) => c.id === counterId));
  const services = useHall((s) => s.services);
  const ticketsById = useHall((s) => s.tickets);
  const tickets = useMemo(() => Object.values(ticketsById), [ticketsById]);
  const ticket = counter?.ticketId ? ticketsById[counter.ticketId] : undefined;
  const parked = tickets.filter((x) => x.status === 'parked' && x.counterId === counterId);
  const legal = legalActions(counter, ticket);
  const acts = useCounterActions(counterId);
  const queue = useQueue();
  const me = useSession((s) => s.staff?.user.id);
  const counters = useHall((s) => s.counters);
  const [dialog, setDialog] = useState<'complete' | 'transfer' | 'noShow' | null>(null);
  /** The waiting ticket the clerk asked to cancel, until they confirm. */
  const [cancelling, setCancelling] = useState<Ticket | null>(null);
  const root = useRef<HTMLDivElement>(null);

  const run = useCallback(
    (a: CounterAction) => {
      if (!legal.has(a)) return;
      // Opening the finish, transfer or no-show dialog sends nothing, so it need not wait for a
      // request in flight (F4 pressed as soon as "serving" shows, before the start request has
      // answered: the hall's stream is faster than the HTTP answer). The dialog's own submit waits.
      if (acts.busy && a !== 'complete' && a !== 'transfer' && a !== 'noShow') return;
      const id = ticket?.id;
      switch (a) {
        case 'callNext': return void acts.callNext();
        case 'recall': return void (id && acts.recall(id));
        case 'start': return void (id && acts.start(id));
        case 'complete': return setDialog('complete');
        case 'transfer': return setDialog('transfer');
        // A no-show ends the visit: the button and F6/N both ask first.
        case 'noShow': return setDialog('noShow');
        case 'park': return void (id && acts.park(id));
        case 'break': return void acts.takeBreak();
        case 'resume': return void acts.resume();
        case 'close': return void acts.close().then(onClosed);
        default: return undefined;
      }
    },
    [legal, acts, ticket, onClosed],
  );
  // Keys act whenever no dialog is open on the page (use-shortcuts checks the document itself): a
  // dialog's close event comes a moment after it hides, and a key pressed in that moment (F6 right
  // after Escape) must not be lost.
  useShortcuts(root, true, run);

  if (!counter) return null;
  const service = ticket ? services.find((s) => s.id === ticket.serviceId) : undefined;
  return (
    <div className="page counter-desk" ref={root} data-counter-state={counter.state}>
      <div className="desk-head row">
        <h2 className="grow" data-testid="counter-title">
          {counterLabel(t, f, counter)}{' '}
          <span className={`badge ${counter.state === 'open' ? 'ok' : 'warn'}`} data-testid="counter-state">{t(`counterState.${counter.state}`)}</span>
        </h2>
        {counter.state === 'break' ? (
          <button type="button" className="btn-primary" data-testid="action-resume" disabled={!legal.has('resume')} onClick={() => run('resume')}>{t('counter.act.resume')}</button>
        ) : (
          <button type="button" className="btn" data-testid="action-break" aria-keyshortcuts="F9" disabled={!legal.has('break')} onClick={() => run('break')}>
            {t('counter.act.break')} <kbd className="ltr">F9</kbd>
          </button>
        )}
        <button type="button" className="btn" data-testid="action-close" disabled={!legal.has('close')} onClick={() => run('close')}>{t('counter.act.close')}</button>
      </div>
      {acts.message && (
        <p className={acts.message.kind === 'error' ? 'error' : 'notice'} role={acts.message.kind === 'error' ? 'alert' : 'status'} data-testid="counter-message">
          {acts.message.text}
        </p>
      )}
      <div className="desk-grid">
        <div className="desk-main">
          <TicketInHand ticket={ticket} service={service} services={services} now={now} />
          <ActionBar legal={legal} busy={acts.busy} run={run} />
          <p className="muted small"><Trans i18nKey="counter.shortcutHint" components={{ k: <kbd className="ltr" /> }} /></p>
          <ParkedPanel parked={parked} canCall={legal.has('callParked') && !acts.busy} onCall={(id) => void acts.callParked(id)} />
          <MyDay counterId={counterId} />
        </div>
        <QueuePanel queue={queue} counter={counter} services={services} now={now} canCancel={!acts.busy && counter.state !== 'closed'} onCancel={setCancelling} />
      </div>
      <CompleteDialog
        open={dialog === 'complete'}
        onClose={() => setDialog(null)}
        onSubmit={(outcome, note) => {
          setDialog(null);
          if (ticket) void acts.complete(ticket.id, outcome, note);
        }}
      />
      <TransferDialog
        open={dialog === 'transfer'}
        services={services}
        counters={counters}
        counterId={counterId}
        {...(ticket ? { currentServiceId: ticket.serviceId } : {})}
        {...(me ? { me } : {})}
        onClose={() => setDialog(null)}
        onSubmit={(target, note, to) => {
          setDialog(null);
          if (!ticket) return;
          const number = ticket.number;
          void acts.transfer(ticket.id, target, note).then((r) => {
            if (r) acts.setMessage({ kind: 'info', text: t('staffScreens.counter.transfer.done', { number: f.ticket(number), to }) });
          });
        }}
      />
      <ConfirmDialog
        open={dialog === 'noShow'}
        title={t('staffScreens.counter.noShow.title', { number: ticket ? f.ticket(ticket.number) : '' })}
        confirm={t('staffScreens.counter.noShow.yes')}
        testId="no-show-dialog"
        onClose={() => setDialog(null)}
        onConfirm={() => {
          setDialog(null);
          if (ticket && legal.has('noShow')) void acts.noShow(ticket.id);
        }}
      >
        <p>{t('staffScreens.counter.noShow.body')}</p>
      </ConfirmDialog>
      <ConfirmDialog
        open={cancelling !== null}
        title={t('staffScreens.counter.cancel.title', { number: cancelling ? f.ticket(cancelling.number) : '' })}
        confirm={t('staffScreens.counter.cancel.yes')}
        testId="cancel-dialog"
        onClose={() => setCancelling(null)}
        onConfirm={() => {
          const x = cancelling;
          setCancelling(null);
          if (x) {
            void acts.cancel(x.id).then((r) => {
              if (r) acts.setMessage({ kind: 'info', text: t('staffScreens.counter.cancel.done', { number: f.ticket(x.number) }) });
            });
          }
        }}
      >
        <p>{t('staffScreens.counter.cancel.body')}</p>
      </ConfirmDialog>
    </div>
  );
}
