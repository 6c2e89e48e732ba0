import { ErrorCodes } from '@broadsheet/contracts';
import { randomUUID } from 'node:crypto';
import { STATUS_CODES, Server } from 'node:http';
import { Socket } from 'node:net';
import { DescribedError, errorBody } from './error-body';

const malformed = (path: string, message: string): DescribedError => ({
  status: 400,
  code: ErrorCodes.ValidationFailed,
  message,
  details: [{ path, message: 'not valid HTTP/1.1' }],
});

const requestLine = malformed('request-line', 'malformed request line');
const headers = malformed('headers', 'malformed request header');

/** Node's http parser codes (llhttp `HPE_*`) for a broken request line. */
const requestLineCodes = new Set([
  'HPE_INVALID_METHOD',
  'HPE_INVALID_URL',
  'HPE_INVALID_VERSION',
  'HPE_INVALID_CONSTANT',
]);

/** A request line this long is what overflowed Node's 16 KiB for request line and headers. */
const longUrl = 8_192;

/**
 * What a request Node's parser refused before any handler saw it deserves. Over-long input is one
 * error for request line and headers together (`maxHeaderSize`, 16 KiB): it is the URL's fault when
 * the request line alone is over half of that. Pure, so every case is unit-tested.
 */
export function describeClientError(code: string | undefined, rawPacket?: Buffer): DescribedError {
  if (code === 'HPE_HEADER_OVERFLOW') {
    const text = rawPacket?.toString('latin1') ?? '';
    const line = text.includes('\r\n') ? text.slice(0, text.indexOf('\r\n')) : text;
    return /^[A-Z]+ /.test(text) && line.length > longUrl
      ? {
          status: 414,
          code: ErrorCodes.UriTooLong,
          message: 'the URL is too long',
          details: [{ path: 'url', message: 'request line and headers together fit in 16 KiB' }],
        }
      : {
          status: 431,
          code: ErrorCodes.HeadersTooLarge,
          message: 'the request headers are too large',
          details: [{ path: 'headers', message: 'request line and headers together fit in 16 KiB' }],
        };
  }
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT' || code === 'ERR_HTTP_HEADERS_TIMEOUT') {
    return {
      status: 408,
      code: ErrorCodes.RequestTimeout,
      message: 'the request took too long to arrive',
      details: [],
    };
  }
  return code && requestLineCodes.has(code) ? requestLine : headers;
}

/**
 * Answers a request Node's parser refused with a complete response in the platform's error shape
 * (Node's own answer is a bare status line with an empty body). A fresh correlation id: no request
 * context exists yet.
 */
export function answerClientErrors(server: Server): void {
  server.on('clientError', (err: NodeJS.ErrnoException & { rawPacket?: Buffer }, socket: Socket) => {
    // Nothing to answer on a reset connection, nor after a response has begun on this socket.
    if (err.code === 'ECONNRESET' || !socket.writable || socket.bytesWritten > 0) {
      socket.destroy();
      return;
    }
    const described = describeClientError(err.code, err.rawPacket);
    const body = JSON.stringify(errorBody(described, randomUUID()));
    socket.end(
      `HTTP/1.1 ${described.status} ${STATUS_CODES[described.status] ?? ''}\r\n` +
        'Content-Type: application/json; charset=utf-8\r\n' +
        `Content-Length: ${Buffer.byteLength(body)}\r\n` +
        'Connection: close\r\n\r\n' +
        body,
    );
  });
}
