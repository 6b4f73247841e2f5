// A ticket printer on the hall network, driven by the hub: tickets that browser kiosks issue
// (they have no local printer) are printed here, and the printer's health is recorded as events,
// so the dashboard shows "paper out" within seconds. Electron kiosks print on their own printer;
// a hub is given a printer only where one sits on the network (and in the demo, the simulator).
import type { DeviceHealth, TicketPrintJob } from '../../shared/protocol/device-bridge.ts';
import type { EventOf } from '../../shared/protocol/events.ts';
import { countersOpen } from '../../shared/domain/views.ts';
import type { DeviceManager } from '../devices/device-manager.ts';
import type { RunningHub } from './hub.ts';

const DEVICE_ID = 'hall-printer';
const HEALTH: Record<DeviceHealth['state'], EventOf<'device.health'>['state']> = {
  connected: 'connected', disconnected: 'disconnected', absent: 'disconnected', paper_low: 'paper_low', paper_out: 'paper_out', cover_open: 'cover_open', error: 'error',
};

export function printJobFor(hub: RunningHub, e: EventOf<'ticket.issued'>, publicUrl: string): TicketPrintJob {
  const s = hub.ctx.hall.state;
  const service = s.services.get(e.ticket.serviceId);
  // As on the kiosk's own paper (print-job.ts): no minutes while no counter serving the service is open.
  const noCounterOpen = countersOpen(s, e.ticket.serviceId) === 0;
  return {
    jobId: e.ticket.id,
    ticketId: e.ticket.id,
    number: e.ticket.number,
    service: service?.name ?? { ar: e.ticket.serviceId, en: e.ticket.serviceId },
    branch: s.branch.name,
    issuedAt: e.ticket.issuedAt,
    timeZone: s.branch.timeZone,
    lang: e.ticket.lang,
    priority: e.ticket.priority,
    ...(noCounterOpen ? { noCounterOpen: true } : { expectedWait: e.quote }),
    trackingUrl: `${publicUrl}/track/${e.ticket.trackingCode}`,
    // The hall's digits setting, as on the kiosk's own printer (print-job.ts).
    digits: e.ticket.lang === 'ar' ? (s.branch.digits ?? 'arab') : 'latn',
  };
}

/** Prints tickets issued by devices (kiosks in a browser) and reports the printer's health. Returns a detach function. */
export function attachHallPrinter(hub: RunningHub, printer: Pick<DeviceManager, 'printTicket' | 'onDeviceHealth'>, publicUrl: string): () => void {
  const { hall, log } = hub.ctx;
  const system = { id: DEVICE_ID, role: 'admin' as const };
  const offHealth = printer.onDeviceHealth((h) => {
    if (h.device !== 'printer') return;
    void hall.execute({ type: 'deviceHealth', deviceId: DEVICE_ID, device: 'printer', state: HEALTH[h.state], ...(h.detail ? { detail: h.detail } : {}) }, system);
  });
  const offEvents = hall.subscribe((events) => {
    for (const e of events) {
      if (e.type !== 'ticket.issued' || !e.by.startsWith('d_')) continue;
      printer.printTicket(printJobFor(hub, e, publicUrl)).then(
        (r) => { if (!r.ok) log.warn({ ticket: e.ticket.number, printer: r.printerState }, 'ticket not printed: shown on the kiosk screen only'); },
        (err: Error) => log.error({ err, ticket: e.ticket.number }, 'printing failed'),
      );
    }
  });
  return () => {
    offHealth();
    offEvents();
  };
}
