// The kiosk's steps as a pure reducer: language → category → service → priority → ID → ticket;
// or, for an appointment, check-in → ticket (a scan on any step but issuing goes to check-in).
import type { Lang, Priority, Ticket } from '../../shared/protocol/entities.ts';
import type { IdCardRead } from '../../shared/protocol/device-bridge.ts';

export type IdOk = Extract<IdCardRead, { ok: true }>;
export type KioskStep = 'lang' | 'category' | 'service' | 'priority' | 'id' | 'issuing' | 'ticket' | 'error' | 'checkin';

export type KioskState = {
  step: KioskStep;
  lang: Lang;
  category: string | null;
  serviceId: string | null;
  priority: Priority;
  id: IdOk | null;
  ticket: Ticket | null;
  error: string | null;
  /** The last scan of a booking QR, to check in (a new object per scan). */
  scanned: { code: string } | null;
  /** Help is on: large text, high contrast and the voice guide (until the ticket, or the kiosk is left alone). */
  assist: boolean;
};

export type KioskAction =
  | { type: 'lang'; lang: Lang }
  | { type: 'category'; category: string; single?: string }
  | { type: 'service'; serviceId: string }
  | { type: 'priority'; priority: Priority; idStep: boolean }
  | { type: 'id'; id: IdOk | null }
  | { type: 'issued'; ticket: Ticket }
  | { type: 'failed'; error: string }
  | { type: 'back' }
  | { type: 'reset' }
  | { type: 'checkin'; scanned?: { code: string } }
  | { type: 'checkedIn'; ticket: Ticket }
  | { type: 'walkIn' }
  | { type: 'assist'; on: boolean };

export const initialKiosk: KioskState = { step: 'lang', lang: 'ar', category: null, serviceId: null, priority: 'none', id: null, ticket: null, error: null, scanned: null, assist: false };

export function kioskReducer(s: KioskState, a: KioskAction): KioskState {
  switch (a.type) {
    case 'lang':
      return { ...initialKiosk, lang: a.lang, step: 'category', assist: s.assist };
    case 'category':
      // A category with one service skips straight to the priority question.
      return a.single ? { ...s, category: a.category, serviceId: a.single, step: 'priority' } : { ...s, category: a.category, step: 'service' };
    case 'service':
      return { ...s, serviceId: a.serviceId, step: 'priority' };
    case 'priority':
      return { ...s, priority: a.priority, step: a.idStep ? 'id' : 'issuing' };
    case 'id':
      if (s.step !== 'id') return s;
      // A card that shows the holder is 60 or older gives the elderly priority without asking.
      return { ...s, id: a.id, step: 'issuing', priority: s.priority === 'none' && a.id?.ageBand === '60plus' ? 'elderly' : s.priority };
    case 'issued':
      return s.step === 'issuing' ? { ...s, ticket: a.ticket, step: 'ticket' } : s;
    case 'failed':
      return { ...s, error: a.error, step: 'error' };
    case 'back':
      if (s.step === 'service') return { ...s, step: 'category', category: null };
      if (s.step === 'priority') return { ...s, step: s.category ? 'service' : 'category' };
      if (s.step === 'id') return { ...s, step: 'priority' };
      if (s.step === 'category') return { ...s, step: 'lang' };
      if (s.step === 'checkin') return { ...initialKiosk, lang: s.lang, assist: s.assist };
      return s;
    case 'reset':
      // After each ticket and when left alone: the next citizen starts without help.
      return { ...initialKiosk, lang: s.lang };
    case 'checkin':
      // A scan while a ticket is being issued is ignored: that visit finishes first.
      if (s.step === 'issuing') return s;
      return { ...initialKiosk, lang: s.lang, step: 'checkin', scanned: a.scanned ?? null, assist: s.assist };
    case 'checkedIn':
      return s.step === 'checkin' ? { ...s, ticket: a.ticket, serviceId: a.ticket.serviceId, priority: a.ticket.priority, step: 'ticket', scanned: null } : s;
    case 'walkIn':
      return { ...initialKiosk, lang: s.lang, step: 'category', assist: s.assist };
    case 'assist':
      return { ...s, assist: a.on };
  }
}
