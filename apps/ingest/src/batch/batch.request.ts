import { DomainError, ErrorCodes } from '@broadsheet/contracts';
import { z } from 'zod';

/** Most stories one batch (or one posted feed) may carry: a bound on one request's work and memory. */
export const MAX_BATCH = 500;

/** The batch route's path, which has a body limit of its own. */
export const BATCH_PATH = '/v1/submissions/batch';

/**
 * Largest batch body: 500 wire stories of about 20 KB each (a long story with its image captions; twice
 * the bytes in Arabic or Dari script). Every other ingest route keeps the 1 MB limit; a bigger batch is
 * a 413 naming the limit, and the source splits it.
 */
export const BATCH_BODY_LIMIT = '10mb';

/**
 * `POST /v1/submissions/batch`: the stories, each judged on its own. Items are only required to be
 * objects here: an invalid story is answered in its own result (207), never by refusing its neighbours.
 */
export const batchRequestSchema = z.object({
  items: z
    .array(z.record(z.string(), z.unknown()).describe('One story in canonical JSON (see POST /v1/submissions).'))
    .min(1)
    .max(MAX_BATCH)
    .describe(`Up to ${MAX_BATCH} stories in canonical JSON; an invalid one is rejected alone, in its result.`),
});

/** Refuses more than MAX_BATCH stories before any is looked at. */
export function limitBatch(count: number, path: string): void {
  if (count > MAX_BATCH) {
    throw new DomainError(ErrorCodes.ValidationFailed, `at most ${MAX_BATCH} stories per request`, [
      { path, message: `has ${count} stories; at most ${MAX_BATCH}` },
    ]);
  }
}
