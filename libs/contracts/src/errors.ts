/** Stable error codes: clients branch on these, so never rename one. */
export const ErrorCodes = {
  ValidationFailed: 'VALIDATION_FAILED',
  Unauthorized: 'UNAUTHORIZED',
  Forbidden: 'FORBIDDEN',
  NotFound: 'NOT_FOUND',
  MethodNotAllowed: 'METHOD_NOT_ALLOWED',
  Gone: 'GONE',
  InvalidTransition: 'INVALID_TRANSITION',
  Conflict: 'CONFLICT',
  PreconditionFailed: 'PRECONDITION_FAILED',
  PreconditionRequired: 'PRECONDITION_REQUIRED',
  RequestTimeout: 'REQUEST_TIMEOUT',
  PayloadTooLarge: 'PAYLOAD_TOO_LARGE',
  UriTooLong: 'URI_TOO_LONG',
  UnsupportedMediaType: 'UNSUPPORTED_MEDIA_TYPE',
  RateLimited: 'RATE_LIMITED',
  HeadersTooLarge: 'HEADERS_TOO_LARGE',
  Unavailable: 'UNAVAILABLE',
  Internal: 'INTERNAL',
} as const;

export type ErrorCode = (typeof ErrorCodes)[keyof typeof ErrorCodes];

export interface ErrorDetail {
  /** Dotted path of the field at fault, e.g. `images.0.url`. */
  path: string;
  message: string;
}

/**
 * An error the domain knows how to name. HTTP filters map `code` to a status; Kafka
 * consumers send non-retryable ones straight to the dead-letter topic.
 */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: ErrorDetail[] = [],
    readonly retryable = false,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}
