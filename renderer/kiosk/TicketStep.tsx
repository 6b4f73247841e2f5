// After issue: print through the station's printer; when there is none or it fails, the ticket
// and its QR stay large on screen so the citizen can photograph it or remember the number.
// The screen says plainly whether the paper printed, how many are ahead, the priority chosen and
// the expected wait — or that no counter serving the service is open now (then no minutes).
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useBridge, useHub } from '../shell/app-context.tsx';
import { useHall } from '../store/hall-store.ts';
import { useFormat } from '../i18n/use-format.ts';
import type { Priority, Service, Ticket } from '../../shared/protocol/entities.ts';
import { printJob } from './print-job.ts';
import { TicketPreview } from './TicketPreview.tsx';
import { QrCode } from './QrCode.tsx';
import { queueFigures } from './queue-figures.ts';
import { useWaitWords } from './TileFigures.tsx';
import { Icon } from '../ui/Icon.tsx';

type PrintState = 'printing' | 'printed' | 'screen';

export function TicketStep({ ticket, service, priority, onDone }: { ticket: Ticket; service: Service; priority: Priority; onDone: () => void }) {
  const { t } = useTranslation();
  const bridge = useBridge();
  const hub = useHub();
  const branch = useHall((s) => s.branch);
  const f = useFormat();
  const words = useWaitWords();
  const digits = f.digits;
  // As it was when the ticket was issued, like the paper: a counter opening a moment later changes neither.
  const [noCounterOpen] = useState(() => queueFigures([service.id], useHall.getState().queue)?.noCounterOpen ?? false);
  const job = useMemo(() => printJob({ ticket, service, branch, lang: f.lang, priority, hubUrl: hub.baseUrl, digits, noCounterOpen }), [ticket, service, branch, f.lang, priority, hub.baseUrl, digits, noCounterOpen]);
  const [state, setState] = useState<PrintState>(bridge.available ? 'printing' : 'screen');
  const [problem, setProblem] = useState<string | null>(null);
  const sent = useRef<string | null>(null);

  useEffect(() => {
    if (!bridge.available || sent.current === job.jobId) return;
    sent.current = job.jobId; // one job id, printed once
    bridge
      .printTicket(job)
      .then((r) => {
        if (r.ok) setState('printed');
        else {
          setState('screen');
          setProblem(t(`kiosk.printer.${r.printerState}`, { defaultValue: t('kiosk.printer.error') }));
        }
      })
      .catch(() => {
        setState('screen');
        setProblem(t('kiosk.printer.error'));
      });
  }, [bridge, job, t]);

  const wait = ticket.expectedWait;
  const ahead = ticket.position !== undefined ? Math.max(0, ticket.position - 1) : undefined;
  const chosen = ticket.priority ?? priority;
  // printed | printing | failed (the station's printer refused) | none (no printer here: a browser kiosk)
  const printStatus = state === 'screen' ? (problem ? 'failed' : 'none') : state;
  return (
    <section className={`kiosk-step kiosk-ticket ${state}`} data-testid="kiosk-ticket" data-print-state={state} aria-live="polite">
      <div className="kiosk-ticket-main">
        <p className={`kiosk-print-status ${printStatus}`} data-testid="kiosk-print-status" data-state={printStatus} role={printStatus === 'failed' ? 'alert' : 'status'}>
          {printStatus === 'printing' && <span className="spinner" aria-hidden="true" />}
          {printStatus === 'printed' && <span aria-hidden="true">✓ </span>}
          {printStatus === 'printed' ? t('kiosk.takeTicket') : printStatus === 'printing' ? t('kiosk.printing') : printStatus === 'failed' ? t('kioskTicket.notPrinted') : t('kioskTicket.noPrinterHere')}
        </p>
        <p className="kiosk-note">{t('kiosk.yourNumber')}</p>
        <p className="kiosk-ticket-number ticket-no" data-testid="kiosk-ticket-number">{f.ticket(ticket.number)}</p>
        <p className="kiosk-ticket-service">{f.name(service.name)}</p>
        {chosen !== 'none' && (
          <p className="kiosk-ticket-priority" data-testid="kiosk-ticket-priority" data-priority={chosen}>{t('kioskTicket.priority', { priority: t(`priority.${chosen}`) })}</p>
        )}
        <div className="kiosk-ticket-facts">
          {ahead !== undefined && (
            <p className="kiosk-fact" data-testid="kiosk-ticket-ahead" data-ahead={ahead}>
              <Icon name="people" size={44} />
              {t('kioskTicket.ahead', { count: ahead, n: f.n(ahead) })}
            </p>
          )}
          {noCounterOpen ? (
            <p className="kiosk-fact closed" data-testid="kiosk-ticket-wait" data-open="none">
              <Icon name="closed" size={44} />
              {t('kioskTicket.noCounterOpen')}
            </p>
          ) : (
            wait && (
              <p className="kiosk-fact" data-testid="kiosk-ticket-wait" data-open="open">
                <Icon name="clock" size={44} />
                {t('kioskTicket.expectedWait', { wait: words(wait) })}
              </p>
            )
          )}
        </div>
        {state === 'screen' && (
          <div className="kiosk-fallback" data-testid="kiosk-fallback">
            {/* A failed print is an error; a kiosk without a printer of its own (a browser; the hall printer may print) is not. */}
            <p className={problem ? 'kiosk-note bad' : 'kiosk-note'}>{problem ?? t('kiosk.noPrinter')}</p>
            <QrCode text={job.trackingUrl} size={320} label={t('kiosk.qrLabel')} testId="kiosk-qr" />
            <p className="kiosk-note">{t('kiosk.photoHint')}</p>
            {problem && <p className="kiosk-note">{t('kioskTicket.askReception', { number: f.ticket(ticket.number) })}</p>}
          </div>
        )}
        <button type="button" className="kiosk-btn primary wide" onClick={onDone} data-testid="kiosk-done">{t('kiosk.done')}</button>
      </div>
      <div className="kiosk-ticket-paper">
        <TicketPreview job={job} label={t('kiosk.ticketImage', { number: ticket.number })} />
      </div>
    </section>
  );
}
