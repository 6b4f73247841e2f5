// The citizen-facing screens' pure parts: what the hall display shows as "now calling", a kiosk
// tile's queue figures, and the Arabic plurals their texts use.
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import i18next from 'i18next';
import { displayCalls } from '../../../renderer/display/now-calling.ts';
import { queueFigures } from '../../../renderer/kiosk/queue-figures.ts';
import type { HallTicket } from '../../../renderer/store/apply-event.ts';
import { waitText } from '../../../shared/ticket/ticket-labels.ts';

const ticket = (id: string, status: HallTicket['status'], lastCallAt: string): HallTicket => ({
  id, number: id, serviceId: 's', status, priority: 'none', lang: 'ar', issuedAt: '2026-01-01T08:00:00Z', day: '2026-01-01', recalls: 0, transferredFrom: [], identityVerified: false, counterId: 'c1', lastCallAt,
});

describe('the hall display', () => {
  it('shows in "now calling" only a ticket still at its counter; a completed or no-show one moves to the recent calls', () => {
    const tickets = Object.fromEntries([ticket('A-001', 'done', '09:01'), ticket('A-002', 'no_show', '09:03'), ticket('A-003', 'serving', '09:02')].map((t) => [t.id, t]));
    const { latest, history } = displayCalls(tickets, 8);
    expect(latest?.id).toBe('A-003');
    expect(history.map((t) => t.id)).toEqual(['A-002', 'A-001']);
    const none = displayCalls({ a: ticket('A-001', 'done', '09:01'), b: ticket('A-002', 'no_show', '09:03') }, 8);
    expect(none.latest).toBeUndefined();
    expect(none.history).toHaveLength(2);
  });
});

describe('a kiosk tile', () => {
  const queue = [
    { serviceId: 'a', waiting: 3, longestWaitMinutes: 4, countersOpen: 1, ahead: 4, expectedWait: { minMinutes: 5, maxMinutes: 9 } },
    { serviceId: 'b', waiting: 2, longestWaitMinutes: 1, countersOpen: 0, ahead: 2, expectedWait: { minMinutes: 0, maxMinutes: 1 } },
    { serviceId: 'c', waiting: 0, longestWaitMinutes: 0, countersOpen: 2, ahead: 1, expectedWait: { minMinutes: 2, maxMinutes: 12 }, reason: { kind: 'busy' as const, serviceId: 'a' } },
  ];
  it('gives a category the fewest and the most ahead of a new ticket, and quotes only the services with a counter open', () => {
    expect(queueFigures(['a', 'b', 'c'], queue)).toEqual({ waiting: 5, ahead: 1, aheadMost: 4, noCounterOpen: false, wait: { minMinutes: 2, maxMinutes: 12 }, reason: null });
  });
  it('says "no counter open" instead of the quote when none is', () => {
    expect(queueFigures(['b'], queue)).toEqual({ waiting: 2, ahead: 2, aheadMost: 2, noCounterOpen: true, wait: null, reason: null });
    expect(queueFigures(['nothing'], queue)).toBeNull();
  });
  it('says why a service nobody waits for still waits', () => {
    expect(queueFigures(['c'], queue)?.reason).toEqual({ kind: 'busy', serviceId: 'a', counters: 2 });
  });
});

describe('Arabic plurals on the citizen screens', () => {
  const load = (name: string) => JSON.parse(readFileSync(new URL(`../../../renderer/i18n/${name}.json`, import.meta.url), 'utf8')) as Record<string, unknown>;
  const i18n = i18next.createInstance();
  beforeAll(async () => {
    // The keys tested here are top-level sections of their own: a shallow merge is enough.
    await i18n.init({ resources: { ar: { translation: { ...load('ar'), ...load('citizen.ar') } }, en: { translation: { ...load('en'), ...load('citizen.en') } } }, lng: 'ar', interpolation: { escapeValue: false } });
  });
  const tAr = (k: string, o: { count: number; n: string }) => i18n.getFixedT('ar')(k, o);
  const tEn = (k: string, o: { count: number; n: string }) => i18n.getFixedT('en')(k, o);
  const n = (x: number) => String(x);
  it('word the people waiting and ahead by number', () => {
    expect([0, 1, 2, 5, 11, 100].map((c) => tAr('kioskQueue.waiting', { count: c, n: n(c) }))).toEqual([
      'لا أحد في الانتظار', 'شخص واحد في الانتظار', 'شخصان في الانتظار', '5 أشخاص في الانتظار', '11 شخصًا في الانتظار', '100 شخص في الانتظار',
    ]);
    expect(tAr('kioskTicket.ahead', { count: 0, n: '0' })).toBe('لا أحد قبلك: أنت التالي');
    expect(tAr('kioskTicket.ahead', { count: 3, n: '3' })).toBe('3 أشخاص قبلك');
    expect(tEn('kioskTicket.ahead', { count: 1, n: '1' })).toBe('1 person ahead of you');
    expect(tEn('displayTicker.waiting', { count: 4, n: '4' })).toBe('4 people');
    expect([0, 1, 2, 5, 11, 100].map((c) => tAr('kioskQueue.ahead', { count: c, n: n(c) }))).toEqual([
      'لا أحد قبلك', 'شخص واحد قبلك', 'شخصان قبلك', '5 أشخاص قبلك', '11 شخصًا قبلك', '100 شخص قبلك',
    ]);
    expect(tEn('kioskQueue.ahead', { count: 1, n: '1' })).toBe('1 person ahead of you');
    expect(i18n.getFixedT('ar')('kioskQueue.busyWith', { count: 1, service: 'رخص البناء' })).toBe('شباك هذه الخدمة مشغول الآن بـ«رخص البناء»');
    expect(i18n.getFixedT('en')('kioskQueue.busyWith', { count: 2, service: 'Building permits' })).toBe('Its counters are busy with Building permits');
  });
  it('word the minutes as the printed ticket does (٥ دقائق، دقيقتان، ١١ دقيقة)', () => {
    expect(waitText(5, 5, 'arab').ar).toBe('٥ دقائق تقريبًا');
    expect(waitText(2, 2, 'arab').ar).toBe('دقيقتان تقريبًا');
    expect(waitText(4, 11, 'arab').ar).toBe('من ٤ إلى ١١ دقيقة');
    expect(waitText(3, 10, 'latn').ar).toBe('من 3 إلى 10 دقائق');
  });
});
