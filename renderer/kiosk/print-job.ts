// The print job for an issued ticket: what the paper (and the on-screen copy) shows.
import type { Branch, Lang, Priority, Service, Ticket } from '../../shared/protocol/entities.ts';
import type { TicketPrintJob } from '../../shared/protocol/device-bridge.ts';

export function trackingUrl(hubUrl: string, code: string): string {
  return `${hubUrl.replace(/\/$/, '')}/track/${encodeURIComponent(code)}`;
}

/** The hub gives the tracking code only to the kiosk that issued the ticket, in its answer. */
function trackingCodeOf(t: Ticket): string {
  if (!t.trackingCode) throw new Error(`ticket ${t.number} came without its tracking code`);
  return t.trackingCode;
}

export function printJob(o: { ticket: Ticket; service: Service; branch: Branch | null; lang: Lang; priority: Priority; hubUrl: string; digits: 'arab' | 'latn'; noCounterOpen?: boolean }): TicketPrintJob {
  const b = o.branch ?? { id: 'branch', name: { ar: 'صالة خدمة المواطنين', en: 'Citizen Service Hall' }, timeZone: 'Asia/Riyadh' };
  return {
    jobId: `ticket-${o.ticket.id}`,
    ticketId: o.ticket.id,
    number: o.ticket.number,
    service: o.service.name,
    branch: b.name,
    issuedAt: o.ticket.issuedAt,
    timeZone: b.timeZone,
    lang: o.lang,
    priority: o.ticket.priority ?? o.priority,
    // No counter open for the service: the paper says so instead of minutes nobody can promise.
    ...(o.noCounterOpen ? { noCounterOpen: true } : o.ticket.expectedWait ? { expectedWait: o.ticket.expectedWait } : {}),
    trackingUrl: trackingUrl(o.hubUrl, trackingCodeOf(o.ticket)),
    digits: o.lang === 'ar' ? o.digits : 'latn',
  };
}
