import { ErrorCode, ErrorCodes, ErrorDetail } from '@broadsheet/contracts';

/** The one table of error codes to HTTP statuses, for the filter and for errors Node answers itself. */
export const statusOfCode: Record<ErrorCode, number> = {
  VALIDATION_FAILED: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  REQUEST_TIMEOUT: 408,
  GONE: 410,
  INVALID_TRANSITION: 409,
  CONFLICT: 409,
  PRECONDITION_FAILED: 412,
  PRECONDITION_REQUIRED: 428,
  PAYLOAD_TOO_LARGE: 413,
  URI_TOO_LONG: 414,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  HEADERS_TOO_LARGE: 431,
  UNAVAILABLE: 503,
  INTERNAL: 500,
};

/** The code for a status that arrives without one (an HttpException, an http-errors error). */
export const codeOfStatus = new Map<number, ErrorCode>(
  Object.entries(statusOfCode)
    .filter(([code]) => code !== ErrorCodes.InvalidTransition)
    .map(([code, status]) => [status, code as ErrorCode]),
);

/** An error as the platform answers it, before the correlation id is attached. */
export interface DescribedError {
  status: number;
  code: ErrorCode;
  message: string;
  details: ErrorDetail[];
}

export interface ErrorBody {
  error: { code: ErrorCode; message: string; details: ErrorDetail[]; correlationId: string };
}

export function errorBody({ code, message, details }: DescribedError, correlationId: string): ErrorBody {
  return { error: { code, message, details, correlationId } };
}
