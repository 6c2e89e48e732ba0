import { SubmissionLimits, submissionSchema } from '@broadsheet/contracts';
import { wireFields } from './wire-status';

/**
 * The canonical story as this route documents it: as the contract's submission, except that a story
 * sent without a category takes its source's default (or "News"), and one without a body is an agency
 * flash. Sent but empty, either is still refused.
 */
export const canonicalStorySchema = submissionSchema.extend({
  ...wireFields,
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
