// Pure: chart series from the day's tickets (the stream's snapshot plus events).
import type { Service, Ticket } from '../../shared/protocol/entities.ts';
import { hourIn, minutesBetween } from '../../shared/i18n/format.ts';

export type HourPoint = { hour: number; avgWait: number; issued: number };

/** Average wait (issue → first call) of the tickets issued in each hour, and how many were issued. */
export function waitByHour(tickets: Ticket[], timeZone: string): HourPoint[] {
  const by = new Map<number, { sum: number; called: number; issued: number }>();
  for (const t of tickets) {
    const h = hourIn(t.issuedAt, timeZone);
    const b = by.get(h) ?? { sum: 0, called: 0, issued: 0 };
    b.issued++;
    if (t.calledAt) {
      b.sum += minutesBetween(t.issuedAt, t.calledAt);
      b.called++;
    }
    by.set(h, b);
  }
  if (by.size === 0) return [];
  const hours = [...by.keys()];
  const out: HourPoint[] = [];
  for (let h = Math.min(...hours); h <= Math.max(...hours); h++) {
    const b = by.get(h);
    out.push({ hour: h, avgWait: b && b.called ? Math.round((b.sum / b.called) * 10) / 10 : 0, issued: b?.issued ?? 0 });
  }
  return out;
}

export type ServicePoint = { serviceId: string; label: string; waiting: number; served: number; other: number };

/** Served, waiting and no-show per service, from the hub's live statistics (the whole day). */
export function ticketsByService(stats: { serviceId: string; waiting: number; served: number; noShows: number }[], services: Service[], name: (n: Service['name']) => string): ServicePoint[] {
  return stats
    .map((x) => {
      const s = services.find((v) => v.id === x.serviceId);
      return { serviceId: x.serviceId, label: s ? `${s.prefix} · ${name(s.name)}` : x.serviceId, waiting: x.waiting, served: x.served, other: x.noShows };
    })
    .filter((p) => p.waiting + p.served + p.other > 0);
}
