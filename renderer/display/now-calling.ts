// What the hall display shows: the call in "now calling" is the latest ticket still at its counter
// (called, or being served). A ticket that was completed, marked no-show, parked, transferred or
// cancelled leaves it — the panel then welcomes instead of showing a stale call; it stays in
// "recent calls" (where it was sent), newest first.
import { recentCalls, type HallTicket } from '../store/apply-event.ts';

const atCounter = (t: HallTicket) => t.status === 'called' || t.status === 'serving';

export function displayCalls(tickets: Record<string, HallTicket>, historyRows: number): { latest: HallTicket | undefined; history: HallTicket[] } {
  const calls = recentCalls(tickets, historyRows + 1);
  const latest = calls.find(atCounter);
  return { latest, history: calls.filter((t) => t !== latest).slice(0, historyRows) };
}
