// After issue: print through the station's printer; when there is none or it fails, the ticket
// and its QR stay large on screen so the citizen can photograph it or remember the number.
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useBridge, useHub } from '../shell/app-context.tsx';
import { useHall } from '../store/hall-store.ts';
import { useFormat } from '../i18n/use-format.ts';
import type { Priority, Service, Ticket } from '../../shared/protocol/entities.ts';
import { printJob } from './print-job.ts';
import { TicketPreview } from './TicketPreview.tsx';
import { QrCode } from './QrCode.tsx';

type PrintState = 'printing' | 'printed' | 'screen';

export function TicketStep({ ticket, service, priority, onDone }: { ticket: Ticket; service: Service; priority: Priority; onDone: () => void }) {
  const { t } = useTranslation();
  const bridge = useBridge();
  const hub = useHub();
  const branch = useHall((s) => s.branch);
  const f = useFormat();
  const digits = f.digits;
  const job = useMemo(() => printJob({ ticket, service, branch, lang: f.lang, priority, hubUrl: hub.baseUrl, digits }), [ticket, service, branch, f.lang, priority, hub.baseUrl, digits]);
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
  return (
    <section className={`kiosk-step kiosk-ticket ${state}`} data-testid="kiosk-ticket" data-print-state={state} aria-live="polite">
      <div className="kiosk-ticket-main">
        <p className="kiosk-note">{state === 'printed' ? t('kiosk.takeTicket') : state === 'printing' ? t('kiosk.printing') : t('kiosk.yourNumber')}</p>
        <p className="kiosk-ticket-number ticket-no" data-testid="kiosk-ticket-number">{f.ticket(ticket.number)}</p>
        <p className="kiosk-ticket-service">{service.name[f.lang]}</p>
        {wait && (
          <p className="kiosk-note" data-testid="kiosk-ticket-wait">
            {t('kiosk.expectedWait', { min: f.n(wait.minMinutes), max: f.n(wait.maxMinutes), count: wait.maxMinutes })}
          </p>
        )}
        {state === 'screen' && (
          <div className="kiosk-fallback" data-testid="kiosk-fallback" role="status">
            {/* A failed print is an error; a kiosk without a printer of its own (a browser; the hall printer may print) is not. */}
            <p className={problem ? 'kiosk-note bad' : 'kiosk-note'}>{problem ?? t('kiosk.noPrinter')}</p>
            <QrCode text={job.trackingUrl} size={320} label={t('kiosk.qrLabel')} testId="kiosk-qr" />
            <p className="kiosk-note">{t('kiosk.photoHint')}</p>
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
