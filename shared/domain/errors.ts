// Domain refusals. The hub maps each code to an HTTP status; a refusal changes nothing.
export type DomainErrorCode = 'invalid_input' | 'not_found' | 'illegal_transition' | 'conflict' | 'forbidden' | 'hall_closed' | 'already_called'
  // Transfers to a counter or a clerk: the counter is closed, the clerk is not at a counter, the ticket waits for another counter.
  | 'counter_closed' | 'clerk_absent' | 'reserved';

export interface DomainError {
  code: DomainErrorCode;
  message: string;
}

export type Decision<T> = { ok: true; value: T } | { ok: false; error: DomainError };

export const ok = <T>(value: T): Decision<T> => ({ ok: true, value });
export const refuse = (code: DomainErrorCode, message: string): { ok: false; error: DomainError } => ({ ok: false, error: { code, message } });
