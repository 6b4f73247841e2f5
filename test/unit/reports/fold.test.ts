// The fold's definitions on a hand-written day: wait to the first call only, service time without
// parked spells, transfers counted where they leave, the clerk from `by` when the event has it,
// else the clerk who opened the counter; counters' open and break time; nearest-rank percentiles.
import { describe, expect, it } from 'vitest';
import type { DomainEvent } from '../../../shared/protocol/events.ts';
import { foldEvents } from '../../../shared/reports/facts.ts';
import { computeReport, periodOf } from '../../../shared/reports/reports.ts';
import { rollupFacts } from '../../../shared/reports/rollup.ts';
import { percentileSorted } from '../../../shared/reports/stats.ts';
import { presetRange } from '../../../shared/reports/periods.ts';

const svc = (id: string, prefix: string, target: number) => ({ id, prefix, name: { ar: id, en: id }, category: 'x', targetWaitMinutes: target, active: true });
const services = [svc('a', 'A', 10), svc('b', 'B', 5)];
const at = (hhmm: string) => `2026-05-10T${hhmm}:00.000Z`; // 08:00 UTC = 11:00 in Riyadh
const issued = (id: string, serviceId: string, time: string): DomainEvent => ({
  type: 'ticket.issued', at: at(time), by: 'kiosk',
  ticket: { id, number: `${id}-001`, serviceId, status: 'waiting', priority: 'none', lang: 'ar', issuedAt: at(time), day: '2026-05-10', recalls: 0, transferredFrom: [], identityVerified: false, trackingCode: 'X' },
  quote: { minMinutes: 5, maxMinutes: 15 },
});

const day: DomainEvent[] = [
  { type: 'day.opened', at: at('04:00'), day: '2026-05-10' },
  { type: 'counter.opened', at: at('05:00'), counterId: 'c1', clerkId: 'u1' },
  issued('t1', 'a', '05:00'),
  issued('t2', 'a', '05:01'),
  { type: 'ticket.called', at: at('05:12'), ticketId: 't1', counterId: 'c1', by: 'u1' },
  { type: 'ticket.recalled', at: at('05:13'), ticketId: 't1', counterId: 'c1', recalls: 1 },
  { type: 'ticket.started', at: at('05:14'), ticketId: 't1', counterId: 'c1' },
  { type: 'ticket.parked', at: at('05:20'), ticketId: 't1', counterId: 'c1' },
  { type: 'ticket.called', at: at('05:21'), ticketId: 't2', counterId: 'c1', by: 'u1' },
  // The lead's optional `by` (a supervisor finishing at the counter) wins over the counter's clerk.
  { type: 'ticket.started', at: at('05:22'), ticketId: 't2', counterId: 'c1', by: 'sup' } as DomainEvent,
  { type: 'ticket.transferred', at: at('05:25'), ticketId: 't2', fromServiceId: 'a', toServiceId: 'b', counterId: 'c1' },
  { type: 'ticket.called', at: at('05:40'), ticketId: 't1', counterId: 'c1', by: 'u1' },
  { type: 'ticket.started', at: at('05:41'), ticketId: 't1', counterId: 'c1' },
  { type: 'ticket.completed', at: at('05:45'), ticketId: 't1', counterId: 'c1' },
  { type: 'ticket.rated', at: at('05:46'), ticketId: 't1', rating: 4, reason: 'شكراً' },
  { type: 'counter.break', at: at('06:00'), counterId: 'c1' },
  { type: 'counter.opened', at: at('06:15'), counterId: 'c1', clerkId: 'u1' },
  { type: 'ticket.called', at: at('06:16'), ticketId: 't2', counterId: 'c1', by: 'u1' },
  { type: 'ticket.no_show', at: at('06:20'), ticketId: 't2', counterId: 'c1' },
  { type: 'counter.closed', at: at('07:00'), counterId: 'c1' },
];

describe('the report fold', () => {
  const facts = foldEvents(day, { timeZone: 'Asia/Riyadh', services });
  const t1 = facts.tickets.find((t) => t.id === 't1')!;
  const t2 = facts.tickets.find((t) => t.id === 't2')!;

  it('wait runs from issue to the first call only; service time leaves out the parked spell', () => {
    expect(t1).toMatchObject({ waitMs: 12 * 60_000, targetMs: 10 * 60_000, outcome: 'served', hour: 8, weekday: 0, rating: 4, endClerkId: 'u1' });
    expect(facts.services.filter((s) => s.ticketId === 't1')).toEqual([expect.objectContaining({ ms: (6 + 4) * 60_000, ended: 'completed', clerkId: 'u1' })]);
  });

  it('a transfer ends a stint in the service it leaves; the outcome counts in the service it ends in', () => {
    expect(t2).toMatchObject({ serviceId: 'a', finalServiceId: 'b', transfers: 1, waitMs: 20 * 60_000, outcome: 'no_show', endClerkId: 'u1' });
    expect(facts.services.filter((s) => s.ticketId === 't2')).toEqual([expect.objectContaining({ serviceId: 'a', ms: 3 * 60_000, ended: 'transferred', clerkId: 'sup' })]);
    const rows = computeReport('summary', rollupFacts(facts), { from: '2026-05-10', to: '2026-05-10' }).tables[0]!.rows;
    expect(rows.find((r) => r.service === 'a')).toMatchObject({ issued: 2, served: 1, transferred: 1, noShow: 0, serviceLevel: 0 });
    expect(rows.find((r) => r.service === 'b')).toMatchObject({ issued: 0, noShow: 1 });
  });

  it('counters: time open and on break', () => {
    const staff = computeReport('staff', rollupFacts(facts), { from: '2026-05-10', to: '2026-05-10' }).tables[1]!.rows[0]!;
    expect(staff).toMatchObject({ counter: 'c1', openHours: 1.75, breakHours: 0.25, served: 1, noShow: 1 });
  });

  it('nearest-rank percentiles, weeks from Sunday, and the date presets', () => {
    const xs = Float64Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect([percentileSorted(xs, 0.5), percentileSorted(xs, 0.9), percentileSorted(xs, 1)]).toEqual([5, 9, 10]);
    expect(percentileSorted(new Float64Array(), 0.5)).toBeNull();
    expect(periodOf('2026-12-02', 'week')).toBe('2026-11-29');
    expect(periodOf('2026-12-02', 'month')).toBe('2026-12');
    expect(presetRange('lastMonth', '2026-03-15')).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(presetRange('lastMonth', '2026-01-05')).toEqual({ from: '2025-12-01', to: '2025-12-31' });
    expect(presetRange('last7', '2026-03-03')).toEqual({ from: '2026-02-25', to: '2026-03-03' });
  });
});
