import { normalize, sanitizeBody } from './normalize';

const aSubmission = (over: Partial<Parameters<typeof normalize>[1]> = {}) => ({
  externalId: 'wire-1',
  headline: 'Kabul <b>markets</b> reopen',
  body: '<p>Traders returned.</p>',
  category: 'Business & Economy',
  ...over,
});

describe('normalize', () => {
  it('removes scripts and event handlers from a hostile body', () => {
    const html = sanitizeBody(
      '<p onclick="steal()">Hi<script>alert(1)</script></p><a href="javascript:alert(1)">x</a><img src=x onerror=alert(1)>',
    );
    expect(html).not.toMatch(/script|onclick|onerror|javascript:/i);
    expect(html).toContain('<p>Hi</p>');
  });

  it('makes headlines plain text and categories slugs', () => {
    const story = normalize('wire', aSubmission(), 1);
    expect(story.headline).toBe('Kabul markets reopen');
    expect(story.category).toBe('business-economy');
    expect(story.categoryLabel).toBe('Business & Economy');
    expect(story.articleKey).toBe('wire:wire-1');
  });

  it('gives the same hash to the same story whatever the key order, and a new one when content changes', () => {
    const a = normalize('wire', aSubmission({ tags: ['Economy'] }), 1);
    const b = normalize('wire', { tags: ['economy'], ...aSubmission() }, 1);
    const c = normalize('wire', aSubmission({ headline: 'Kabul markets stay shut' }), 1);
    expect(a.contentHash).toBe(b.contentHash);
    expect(c.contentHash).not.toBe(a.contentHash);
  });
});
