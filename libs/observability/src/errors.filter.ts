import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { DomainError, ErrorCode, ErrorCodes, ErrorDetail } from '@broadsheet/contracts';
import type { Response } from 'express';
import { correlationIdOrNew } from './context';

const statusOfCode: Record<ErrorCode, number> = {
  VALIDATION_FAILED: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  GONE: 410,
  INVALID_TRANSITION: 409,
  CONFLICT: 409,
  PRECONDITION_FAILED: 412,
  PRECONDITION_REQUIRED: 428,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  UNAVAILABLE: 503,
  INTERNAL: 500,
};

const codeOfStatus = new Map<number, ErrorCode>(
  Object.entries(statusOfCode)
    .filter(([code]) => code !== ErrorCodes.InvalidTransition)
    .map(([code, status]) => [status, code as ErrorCode]),
);

export interface ErrorBody {
  error: { code: ErrorCode; message: string; details: ErrorDetail[]; correlationId: string };
}

/** The one place error codes become HTTP statuses; a 500 never carries a stack trace. */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('ApiExceptionFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const res = host.switchToHttp().getResponse<Response>();
    const { status, code, message, details } = this.describe(exception);
    if (status >= 500) this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    const body: ErrorBody = { error: { code, message, details, correlationId: correlationIdOrNew() } };
    res.status(status).json(body);
  }

  private describe(e: unknown): { status: number; code: ErrorCode; message: string; details: ErrorDetail[] } {
    if (e instanceof DomainError)
      return { status: statusOfCode[e.code], code: e.code, message: e.message, details: e.details };
    if (e instanceof HttpException) {
      const status = e.getStatus();
      return { status, code: codeOfStatus.get(status) ?? ErrorCodes.Internal, message: httpMessage(e), details: [] };
    }
    const status = bodyParserStatus(e);
    if (status === HttpStatus.PAYLOAD_TOO_LARGE) {
      return { status, code: ErrorCodes.PayloadTooLarge, message: 'request body is too large', details: [] };
    }
    if (status === HttpStatus.BAD_REQUEST) {
      return {
        status,
        code: ErrorCodes.ValidationFailed,
        message: 'request body is not valid JSON',
        details: [{ path: '(body)', message: 'malformed JSON' }],
      };
    }
    return { status: 500, code: ErrorCodes.Internal, message: 'internal error', details: [] };
  }
}

function httpMessage(e: HttpException): string {
  const response = e.getResponse();
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  return Array.isArray(message) ? message.join('; ') : typeof message === 'string' ? message : e.message;
}

/** body-parser errors carry `status` and `type` rather than being HttpExceptions. */
function bodyParserStatus(e: unknown): number | undefined {
  if (typeof e !== 'object' || e === null) return undefined;
  const { type, status } = e as { type?: unknown; status?: unknown };
  if (type === 'entity.too.large') return HttpStatus.PAYLOAD_TOO_LARGE;
  if (type === 'entity.parse.failed') return HttpStatus.BAD_REQUEST;
  return typeof status === 'number' && status === 400 ? HttpStatus.BAD_REQUEST : undefined;
}
