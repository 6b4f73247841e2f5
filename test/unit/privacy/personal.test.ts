// What leaves the hall (brief §8, §10): the public part of each event. A clerk's free text — a note,
// a transfer note, an outcome that is not one of the five codes — is personal wherever it rides.
import { describe, expect, it } from 'vitest';
import { mergePersonal, publicEvent, splitPersonal } from '../../../shared/privacy/personal.ts';
import type { DomainEvent } from '../../../shared/protocol/events.ts';

const at = '2026-12-01T06:00:00.000Z';
const ticket = { id: 't1', number: 'A-001', serviceId: 's', status: 'waiting', priority: 'none', lang: 'ar', issuedAt: at, day: '2026-12-01', recalls: 0, transferredFrom: [], identityVerified: false } as const;

describe('the personal part of an event', () => {
  it('takes a free-text outcome out of a completion and keeps an outcome code public', () => {
    const free = { type: 'ticket.completed', at, ticketId: 't1', counterId: 'c1', by: 'u1', outcome: 'call 0991234567 Ahmad', note: 'n' } as unknown as DomainEvent;
    const split = splitPersonal(free);
    expect(split.public).toEqual({ type: 'ticket.completed', at, ticketId: 't1', counterId: 'c1', by: 'u1' });
    expect(split.personal).toEqual({ note: 'n', outcomeText: 'call 0991234567 Ahmad' });
    expect(mergePersonal(split.public, split.personal)).toEqual(free);
    const coded = { type: 'ticket.completed', at, ticketId: 't1', counterId: 'c1', by: 'u1', outcome: 'referred' } as unknown as DomainEvent;
    expect(splitPersonal(coded)).toEqual({ public: coded });
  });

  it('takes a note and a transfer note off an issued ticket, with its tracking code', () => {
    const issued = { type: 'ticket.issued', at, by: 'k', quote: { minMinutes: 0, maxMinutes: 1 }, ticket: { ...ticket, trackingCode: 'ABC123', note: 'x', transferNote: 'y' } } as unknown as DomainEvent;
    const pub = publicEvent(issued);
    expect(JSON.stringify(pub)).not.toMatch(/ABC123|"x"|"y"/);
    const split = splitPersonal(issued);
    expect(mergePersonal(split.public, split.personal)).toEqual(issued);
  });
});
