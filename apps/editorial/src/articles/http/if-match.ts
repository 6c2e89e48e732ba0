import { DomainError, ErrorCodes } from '@broadsheet/contracts';
import type { Request } from 'express';

/** Exactly what the document allows: the revision as its ETag (`"3"`), or bare (`3`) for hand-written calls. */
const revisionTag = /^(?:"([0-9]{1,12})"|([0-9]{1,12}))$/;

/** How the OpenAPI document describes If-Match. */
export const ifMatchSchema = { type: 'string', pattern: '^("[0-9]{1,12}"|[0-9]{1,12})$' };

/** The revision `If-Match` names; undefined when absent. A value that names none is a 400 on the header. */
export function ifMatch(req: Request): number | undefined {
  const header = req.header('if-match');
  if (header === undefined) return undefined;
  const match = revisionTag.exec(header);
  const revision = match?.[1] ?? match?.[2];
  if (revision === undefined)
    throw new DomainError(ErrorCodes.ValidationFailed, 'invalid If-Match', [
      { path: 'If-Match', message: 'must be the article revision, e.g. "3"' },
    ]);
  return Number(revision);
}

/** The revision `If-Match` named, where a change needs one: 428 when it was not sent. */
export function requiredRevision(seen: number | undefined): number {
  if (seen === undefined)
    throw new DomainError(ErrorCodes.PreconditionRequired, 'send If-Match with the revision you edited', [
      { path: 'If-Match', message: 'required' },
    ]);
  return seen;
}
