import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { DomainError, ErrorCodes } from '@broadsheet/contracts';
import type { Response } from 'express';
import { codeOfStatus, DescribedError, errorBody, statusOfCode } from './error-body';
import { correlationIdOrNew } from './context';

export type { ErrorBody } from './error-body';

/** The one place error codes become HTTP statuses; a 500 never carries a stack trace. */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('ApiExceptionFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const res = host.switchToHttp().getResponse<Response>();
    const described = describe(exception);
    if (described.status >= 500) this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    res.status(described.status).json(errorBody(described, correlationIdOrNew()));
  }
}

function describe(e: unknown): DescribedError {
  if (e instanceof DomainError)
    return { status: statusOfCode[e.code], code: e.code, message: e.message, details: e.details };
  if (e instanceof HttpException) {
    const status = e.getStatus();
    return { status, code: codeOfStatus.get(status) ?? ErrorCodes.Internal, message: httpMessage(e), details: [] };
  }
  return { status: 500, code: ErrorCodes.Internal, message: 'internal error', details: [] };
}

function httpMessage(e: HttpException): string {
  const response = e.getResponse();
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  return Array.isArray(message) ? message.join('; ') : typeof message === 'string' ? message : e.message;
}
