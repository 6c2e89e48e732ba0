import { DomainError, ErrorCode, ErrorCodes, ErrorDetail } from '@broadsheet/contracts';
import { codeOfStatus } from './error-body';

interface Known {
  code: ErrorCode;
  message: string;
  details: ErrorDetail[];
}

/** body-parser's error types (`err.type`), each with the designed answer: never its message, which can quote the body. */
const byType: Record<string, Known> = {
  'entity.parse.failed': {
    code: ErrorCodes.ValidationFailed,
    message: 'the body is not valid JSON',
    details: [{ path: 'body', message: 'malformed JSON: check quotes, commas and brackets' }],
  },
  'entity.too.large': {
    code: ErrorCodes.PayloadTooLarge,
    message: 'request body is too large',
    details: [{ path: 'body', message: 'larger than this service accepts' }],
  },
  'charset.unsupported': {
    code: ErrorCodes.UnsupportedMediaType,
    message: 'unsupported charset',
    details: [{ path: 'content-type', message: 'the charset must be utf-8' }],
  },
  'encoding.unsupported': {
    code: ErrorCodes.UnsupportedMediaType,
    message: 'unsupported Content-Encoding',
    details: [{ path: 'content-encoding', message: 'supported: identity, gzip, deflate, br' }],
  },
  'request.size.invalid': {
    code: ErrorCodes.ValidationFailed,
    message: 'the body does not match its Content-Length',
    details: [{ path: 'content-length', message: 'differs from the bytes received' }],
  },
  'request.aborted': {
    code: ErrorCodes.ValidationFailed,
    message: 'the request was aborted before its body arrived',
    details: [],
  },
};

/** Any other 4xx the body parser raised (e.g. a compressed body that does not decompress). */
const unreadable: Known = {
  code: ErrorCodes.ValidationFailed,
  message: 'the body could not be read',
  details: [{ path: 'body', message: 'it does not decode as its Content-Encoding and Content-Type say' }],
};

/**
 * The domain error for one the request body parser raised (http-errors objects carrying `type` and
 * `status`), or undefined when `e` is not one. Pure, so every case is unit-tested.
 */
export function bodyError(e: unknown): DomainError | undefined {
  if (typeof e !== 'object' || e === null) return undefined;
  const { type, status, limit } = e as { type?: unknown; status?: unknown; limit?: unknown };
  const known = typeof type === 'string' ? byType[type] : undefined;
  if (known?.code === ErrorCodes.PayloadTooLarge && typeof limit === 'number') {
    return new DomainError(known.code, known.message, [{ path: 'body', message: `at most ${limit} bytes` }]);
  }
  if (known) return new DomainError(known.code, known.message, known.details);
  if (typeof status !== 'number' || status < 400 || status > 499) return undefined;
  const { code, message, details } =
    status === 400
      ? unreadable
      : {
          code: codeOfStatus.get(status) ?? ErrorCodes.ValidationFailed,
          message: 'the request could not be read',
          details: [],
        };
  return new DomainError(code, message, details);
}

/** JSON is UTF-8 (RFC 8259 §8.1): another charset is refused, not decoded by a guess. */
export function nonUtf8Json(contentType: string | undefined): DomainError | undefined {
  if (!contentType || !/^\s*application\/([\w.+-]*\+)?json\s*(;|$)/i.test(contentType)) return undefined;
  const charset = /;\s*charset\s*=\s*"?([^";\s]*)/i.exec(contentType)?.[1];
  if (charset === undefined || /^utf-?8$/i.test(charset)) return undefined;
  return new DomainError(ErrorCodes.UnsupportedMediaType, 'unsupported charset', [
    { path: 'content-type', message: 'JSON must be utf-8' },
  ]);
}
