import { z } from 'zod';
import { DomainError, ErrorCodes, ErrorDetail } from './errors';

/** zod issues as the API's error details: the dotted path of the field at fault and what is wrong. */
export function zodDetails(error: z.ZodError, prefix = ''): ErrorDetail[] {
  const at = (path: PropertyKey[]): string => [prefix, ...path.map(String)].filter(Boolean).join('.') || '(root)';
  return error.issues.flatMap((issue) =>
    // A key no field has: named where it was sent, one detail each, so a sender finds its typo.
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({ path: at([...issue.path, key]), message: 'not a field of this object' }))
      : [{ path: at(issue.path), message: issue.message }],
  );
}

/** Parses input or throws VALIDATION_FAILED listing every field at fault. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, what = 'request'): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw new DomainError(ErrorCodes.ValidationFailed, `invalid ${what}`, zodDetails(result.error));
  return result.data;
}

/** Opaque page cursor: base64url JSON of the last item's sort key. */
export function encodeCursor(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

export function decodeCursor<S extends z.ZodType>(schema: S, cursor: string): z.output<S> {
  let raw: unknown;
  try {
    raw = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new DomainError(ErrorCodes.ValidationFailed, 'invalid cursor', [
      { path: 'cursor', message: 'not a cursor this API issued' },
    ]);
  }
  const result = schema.safeParse(raw);
  if (!result.success)
    throw new DomainError(ErrorCodes.ValidationFailed, 'invalid cursor', [
      { path: 'cursor', message: 'not a cursor this API issued' },
    ]);
  return result.data;
}

/** Where a newest-first page ended: the last item's sort time and id (ids break ties). */
export interface PageKey {
  at: Date;
  id: string;
}

/**
 * A page cursor as the query parameter takes it: `<epoch ms>~<id>` of the last item. Its format is
 * the whole rule, so every value the OpenAPI document allows is a cursor the API can use.
 */
export const pageCursorParam = z
  .string()
  .regex(/^[0-9]{1,15}~[\s\S]{1,200}$/, 'not a cursor this API issued')
  .describe('`nextCursor` of the previous page (`<epoch ms>~<id>`); absent for the first.');

export function encodePageKey(key: PageKey): string {
  return `${key.at.getTime()}~${key.id}`;
}

/** A cursor `pageCursorParam` accepted, as the sort key it names. */
export function decodePageKey(cursor: string): PageKey {
  const at = cursor.indexOf('~');
  return { at: new Date(Number(cursor.slice(0, at))), id: cursor.slice(at + 1) };
}
