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

  it('keeps the hashes stories were stored with (any change would make every resubmission an update)', () => {
    // Recorded with the hash as first written (keys sorted by localeCompare): stored hashes must still match.
    const full = ingest({
      externalId: 'g-1',
      headline: 'Kabul &amp; Herat: <b>markets</b> reopen',
      body:
        '<p onclick="x()">Traders returned on Monday.</p><p>Prices &lt; last week &amp; fuel &gt; 10%.</p>' +
        '<img src="https://example.org/a.jpg" alt="A &quot;market&quot;">',
      category: 'World & Asia',
      tags: ['Kabul', ' kabul ', 'Budget 1405'],
      bylines: ['Staff <i>reporter</i>'],
      language: 'en',
      publishedAt: '2026-11-30T03:30:00.000Z',
      url: 'https://example.org/story',
      images: [{ url: 'https://example.org/a.jpg', alt: 'A market', caption: 'Traders & buyers', credit: 'Wire' }],
    });
    expect(full.contentHash).toBe('2e886b6bdc4c0405f1cff01194fb2ded8f8180d69c5dc27a9cda6815396e43b7');
    const dari = ingest({
      externalId: 'g-2',
      headline: 'بازار\u200cهای کابل دوباره باز شدند',
      body: '<p>بازار\u200cهای کابل دوباره باز شدند. قیمت\u200cها پایین آمد.</p>',
      category: 'اقتصاد',
      language: 'fa-AF',
      summary: 'خلاصه',
    });
    expect(dari.contentHash).toBe('e9a5db91b67debc777e361362fe8c548839dc2d2d2604e8d85e483a41b90d1b4');
    const parsed = submissionSchema.parse({
      externalId: 'g-3',
      headline: 'Flash: quake',
      body: '<p>Flash: quake</p>',
      category: 'News',
    });
    const flash = normalize('wire', parsed, 1, { flash: true });
    expect(flash.contentHash).toBe('6bc3c4f8f050603777290f48d0d8723b55948e70656dda5f65d7b5bd009e7c82');
  });
});
