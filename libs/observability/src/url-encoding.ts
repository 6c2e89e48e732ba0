import { DomainError, ErrorCodes } from '@broadsheet/contracts';
import type { NextFunction, Request, Response } from 'express';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The bytes a URL part stands for: `%XX` escapes decoded, other characters as the request line carried them. */
function bytesOf(part: string, malformedIsLiteral: boolean): Uint8Array | undefined {
  const bytes: number[] = [];
  for (let i = 0; i < part.length; i++) {
    const hex = part[i] === '%' ? /^[0-9a-fA-F]{2}/.exec(part.slice(i + 1, i + 3)) : null;
    if (hex) {
      bytes.push(parseInt(hex[0], 16));
      i += 2;
    } else if (part[i] === '%' && !malformedIsLiteral) {
      return undefined;
    } else {
      bytes.push(part.charCodeAt(i) & 0xff);
    }
  }
  return Uint8Array.from(bytes);
}

function isUtf8(bytes: Uint8Array | undefined): boolean {
  if (!bytes) return false;
  try {
    utf8.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/**
 * A URL whose percent-escapes do not form UTF-8 (`%FF`, a lone surrogate's `%ED%A0%80`) is refused
 * before routing, with the designed answer: the router would quote the raw parameter back, and the
 * query parser would hand U+FFFD to a search. A stray `%` in the query stays literal (`100%`), as the
 * query parser reads it.
 */
export function urlEncodingError(url: string): DomainError | undefined {
  // Printable ASCII with no escape is UTF-8 as it stands: most requests end here, on every service.
  if (!/[^\x20-\x7e]|%/.test(url)) return undefined;
  const at = url.indexOf('?');
  const path = at < 0 ? url : url.slice(0, at);
  const query = at < 0 ? '' : url.slice(at + 1);
  if (!isUtf8(bytesOf(path, false))) return invalid('path');
  if (!isUtf8(bytesOf(query, true))) return invalid('query');
  return undefined;
}

function invalid(part: 'path' | 'query'): DomainError {
  return new DomainError(ErrorCodes.ValidationFailed, `the URL ${part} is not valid percent-encoded UTF-8`, [
    { path: part, message: 'percent-escapes must form whole UTF-8 characters' },
  ]);
}

/** Express middleware form, for every service. */
export function refuseBadUrlEncoding(req: Request, _res: Response, next: NextFunction): void {
  next(urlEncodingError(req.originalUrl));
}
