// The ticket state machine (brief §5). Any move not listed here is refused and changes nothing.
import type { TicketStatus } from '../protocol/entities.ts';

export type TicketAction = 'call' | 'recall' | 'start' | 'complete' | 'no_show' | 'transfer' | 'park' | 'cancel' | 'move';

const moves: Record<TicketAction, { from: readonly TicketStatus[]; to: TicketStatus }> = {
  call: { from: ['waiting', 'parked'], to: 'called' },
  recall: { from: ['called'], to: 'called' },
  start: { from: ['called'], to: 'serving' },
  complete: { from: ['serving'], to: 'done' },
  no_show: { from: ['called'], to: 'no_show' },
  transfer: { from: ['serving'], to: 'waiting' },
  park: { from: ['called', 'serving'], to: 'parked' },
  cancel: { from: ['waiting'], to: 'cancelled' },
  /** A supervisor moves a waiting ticket to another service (it keeps its issue time). */
  move: { from: ['waiting'], to: 'waiting' },
};

export function canMove(status: TicketStatus, action: TicketAction): boolean {
  return moves[action].from.includes(status);
}

export function targetStatus(action: TicketAction): TicketStatus {
  return moves[action].to;
}

export function allowedActions(status: TicketStatus): TicketAction[] {
  return (Object.keys(moves) as TicketAction[]).filter((a) => canMove(status, a));
}

export const TERMINAL: readonly TicketStatus[] = ['done', 'no_show', 'cancelled'];
