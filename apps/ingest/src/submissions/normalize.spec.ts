import { SubmissionInput, submissionSchema } from '@broadsheet/contracts';
import { normalize } from './normalize';

const aSubmission = (over: Partial<SubmissionInput> = {}): SubmissionInput => ({
  externalId: 'wire-1',
  headline: 'Kabul <b>markets</b> reopen',
  body: '<p>Traders returned.</p>',
  category: 'Business & Economy',
  ...over,
});

/** As the service does it: parse (which cleans), then normalize. */
const ingest = (over: Partial<SubmissionInput> = {}) => normalize('wire', submissionSchema.parse(aSubmission(over)), 1);

describe('normalize', () => {
  it('makes headlines plain text and categories slugs', () => {
    const story = ingest();
    expect(story.headline).toBe('Kabul markets reopen');
    expect(story.category).toBe('business-economy');
    expect(story.categoryLabel).toBe('Business & Economy');
    expect(story.articleKey).toBe('wire:wire-1');
  });

  it('slugs a category from its text, never from its tags', () => {
    const story = ingest({ category: '<b>Politics</b>' });
    expect(story.category).toBe('politics');
    expect(story.categoryLabel).toBe('Politics');
  });

  it('lower-cases tags and keeps each once', () => {
    expect(ingest({ tags: ['Economy', '<i>economy</i>', 'Kabul'] }).tags).toEqual(['economy', 'kabul']);
  });

  it('gives the same hash to the same story whatever the key order, and a new one when content changes', () => {
    const a = ingest({ tags: ['Economy'] });
    const b = normalize('wire', submissionSchema.parse({ tags: ['economy'], ...aSubmission() }), 1);
    const c = ingest({ headline: 'Kabul markets stay shut' });
    expect(a.contentHash).toBe(b.contentHash);
    expect(c.contentHash).not.toBe(a.contentHash);
  });
});
