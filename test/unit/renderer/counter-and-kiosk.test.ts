import { describe, expect, it } from 'vitest';
import { actionForKey, legalActions } from '../../../renderer/counter/legal-actions.ts';
import { initialKiosk, kioskReducer } from '../../../renderer/kiosk/kiosk-flow.ts';
import type { Counter, Ticket } from '../../../shared/protocol/entities.ts';

const counter = (state: Counter['state']): Counter => ({ id: 'c1', number: 1, name: { ar: 'ش', en: 'C' }, serviceIds: ['s'], state });
const ticket = (status: Ticket['status']) => ({ id: 't', status }) as Ticket;

describe('counter actions', () => {
  it('allows only what the state machine allows', () => {
    expect([...legalActions(counter('open'), undefined)].sort()).toEqual(['break', 'callNext', 'callParked', 'close']);
    expect([...legalActions(counter('open'), ticket('called'))].sort()).toEqual(['noShow', 'park', 'recall', 'start']);
    expect([...legalActions(counter('open'), ticket('serving'))].sort()).toEqual(['complete', 'park', 'transfer']);
    expect([...legalActions(counter('break'), undefined)].sort()).toEqual(['close', 'resume']);
    expect(legalActions(counter('closed'), undefined).size).toBe(0);
    expect(legalActions(undefined, undefined).size).toBe(0);
  });

  it('maps F1 and Space to call next, letters to the rest', () => {
    expect(actionForKey('F1')).toBe('callNext');
    expect(actionForKey(' ')).toBe('callNext');
    expect(actionForKey('R')).toBe('recall');
    expect(actionForKey('x')).toBeUndefined();
  });
});

describe('kiosk flow', () => {
  it('walks language → category → priority → issuing, and resets keeping the language', () => {
    let s = kioskReducer(initialKiosk, { type: 'lang', lang: 'en' });
    expect(s.step).toBe('category');
    s = kioskReducer(s, { type: 'category', category: 'permits', single: 'building-permits' });
    expect(s).toMatchObject({ step: 'priority', serviceId: 'building-permits' });
    s = kioskReducer(s, { type: 'priority', priority: 'elderly', idStep: false });
    expect(s.step).toBe('issuing');
    // A second tap's "issued" for a ticket already shown does nothing; one ticket per visit.
    s = kioskReducer(s, { type: 'issued', ticket: ticket('waiting') });
    expect(kioskReducer(s, { type: 'issued', ticket: ticket('waiting') })).toBe(s);
    expect(kioskReducer(s, { type: 'reset' })).toMatchObject({ step: 'lang', lang: 'en', serviceId: null });
  });

  it('keeps help on through a visit (language, back, check-in, walk-in) and turns it off for the next citizen', () => {
    let s = kioskReducer(initialKiosk, { type: 'assist', on: true });
    s = kioskReducer(s, { type: 'lang', lang: 'ar' });
    expect(s).toMatchObject({ step: 'category', assist: true });
    s = kioskReducer(kioskReducer(s, { type: 'checkin' }), { type: 'walkIn' });
    expect(s).toMatchObject({ step: 'category', assist: true });
    s = kioskReducer(kioskReducer(s, { type: 'category', category: 'permits', single: 'building-permits' }), { type: 'back' });
    expect(s.assist).toBe(true);
    s = kioskReducer(kioskReducer(s, { type: 'priority', priority: 'none', idStep: false }), { type: 'issued', ticket: ticket('waiting') });
    expect(s).toMatchObject({ step: 'ticket', assist: true });
    expect(kioskReducer(s, { type: 'reset' })).toMatchObject({ step: 'lang', assist: false });
  });

  it('asks for the ID card only when the station has a reader', () => {
    const s = kioskReducer({ ...initialKiosk, step: 'priority', serviceId: 'x' }, { type: 'priority', priority: 'none', idStep: true });
    expect(s.step).toBe('id');
    expect(kioskReducer(s, { type: 'id', id: null }).step).toBe('issuing');
  });

  it('gives the elderly priority when the card shows the holder is 60 or older, and keeps a declared need', () => {
    const atId = kioskReducer({ ...initialKiosk, step: 'priority', serviceId: 'x' }, { type: 'priority', priority: 'none', idStep: true });
    const card = (ageBand: '60plus' | '18to59') => ({ ok: true as const, idSealed: 'a'.repeat(342), maskedNumber: '••••1234', name: 'X', ageBand, documentValid: true, expired: false, format: 'TD1' as const });
    expect(kioskReducer(atId, { type: 'id', id: card('60plus') })).toMatchObject({ step: 'issuing', priority: 'elderly' });
    expect(kioskReducer(atId, { type: 'id', id: card('18to59') })).toMatchObject({ step: 'issuing', priority: 'none' });
    const pregnant = kioskReducer({ ...initialKiosk, step: 'priority', serviceId: 'x' }, { type: 'priority', priority: 'pregnancy', idStep: true });
    expect(kioskReducer(pregnant, { type: 'id', id: card('60plus') }).priority).toBe('pregnancy');
  });
});
