import { SubmissionLimits, submissionSchema } from '@broadsheet/contracts';
import { z } from 'zod';
import { wireFields } from './wire-status';

/**
 * The canonical story as this route documents it: as the contract's submission, except that a story
 * sent without a category takes its source's default (or "News"), and one without a body is an agency
 * flash. Sent but empty, either is still refused. Agencies' version and publishing status are documented
 * too (only a `usable` story is accepted).
 */
export const canonicalStorySchema = submissionSchema.extend({
  ...wireFields,
  // Only `usable` is a story this route takes: the others are answered 400 with the reason (see wireFields).
  pubStatus: z
    .enum(['usable'])
    .optional()
    .describe(
      "The agency's publishing status: only `usable` (or none) is taken; `withheld` and `canceled` are refused " +
        'with 400 on `pubStatus` (ingest never takes a held-back or withdrawn story; an editor kills one already taken).',
    ),
  category: submissionSchema.shape.category
    .optional()
    .describe(
      `Category label, e.g. "Politics"; when left out, the source's default or "News". At most ${SubmissionLimits.category}.`,
    ),
  body: submissionSchema.shape.body
    .optional()
    .describe(
      `Story body as HTML, sanitized on ingest; when left out, the story is a flash (headline only). At most ${SubmissionLimits.body}.`,
    ),
});
