// The API's one error shape: {"error": {"code", "message"}}, with the status each code implies.
import type { ErrorCode } from '../../../shared/protocol/http.ts';
import type { DomainErrorCode } from '../../../shared/domain/errors.ts';

export const STATUS: Record<ErrorCode, number> = {
  invalid_input: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  illegal_transition: 409,
  conflict: 409,
  hall_closed: 409,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
  slot_full: 409,
  past_cutoff: 409,
  too_early: 409,
  too_late: 409,
  cancelled: 409,
  already_checked_in: 409,
  already_called: 409,
  counter_closed: 409,
  clerk_absent: 409,
  reserved: 409,
  storage_full: 503,
};

export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  constructor(code: ErrorCode, message: string) {
    super(message);
    this.code = code;
    this.status = STATUS[code];
  }
}

export const fromDomain = (e: { code: DomainErrorCode; message: string }) => new ApiError(e.code, e.message);

export const errorBody = (code: ErrorCode, message: string) => ({ error: { code, message } });
