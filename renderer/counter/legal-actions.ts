// Which counter actions are legal now (brief §5 state machine); illegal ones are disabled.
import type { Counter, Ticket } from '../../shared/protocol/entities.ts';

export type CounterAction = 'callNext' | 'recall' | 'start' | 'complete' | 'noShow' | 'transfer' | 'park' | 'callParked' | 'break' | 'resume' | 'close';

export function legalActions(counter: Counter | undefined, ticket: Ticket | undefined): Set<CounterAction> {
  const ok = new Set<CounterAction>();
  if (!counter) return ok;
  const inHand = ticket && (ticket.status === 'called' || ticket.status === 'serving') ? ticket : undefined;
  if (counter.state === 'break') {
    if (!inHand) ok.add('resume').add('close');
    return ok;
  }
  if (counter.state !== 'open') return ok;
  if (!inHand) {
    ok.add('callNext').add('callParked').add('break').add('close');
    return ok;
  }
  if (inHand.status === 'called') ok.add('recall').add('start').add('noShow').add('park');
  if (inHand.status === 'serving') ok.add('complete').add('transfer').add('park');
  return ok;
}

/** Keys: F1 or Space calls next; one letter for the others. */
export const shortcuts: Partial<Record<CounterAction, string[]>> = {
  callNext: ['F1', ' '],
  recall: ['F2', 'r'],
  start: ['F3', 's'],
  complete: ['F4', 'c'],
  noShow: ['F6', 'n'],
  transfer: ['F7', 't'],
  park: ['F8', 'p'],
  break: ['F9', 'b'],
};

export function actionForKey(key: string): CounterAction | undefined {
  const k = key.length === 1 ? key.toLowerCase() : key;
  for (const [action, keys] of Object.entries(shortcuts)) if (keys?.includes(k)) return action as CounterAction;
  return undefined;
}
