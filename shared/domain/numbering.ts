// Ticket numbers: a prefix letter per service, 001, 002, … per business day. Shown as `A-042`.
// The next number is derived from the day's durable `ticket.issued` events, so a restart after a
// crash continues where the acknowledged tickets stopped and never reuses a number.
export function formatTicketNumber(prefix: string, n: number): string {
  return `${prefix}-${String(n).padStart(3, '0')}`;
}

export function ticketId(day: string, prefix: string, n: number): string {
  return `${day}-${prefix}${String(n).padStart(3, '0')}`;
}

/** Numbers past 999 keep counting (A-1000): a busy day must never wrap around to a used number. */
export function nextTicketNumber(lastByPrefix: ReadonlyMap<string, number>, prefix: string): number {
  return (lastByPrefix.get(prefix) ?? 0) + 1;
}
