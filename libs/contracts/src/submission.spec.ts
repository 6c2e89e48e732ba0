import { SubmissionInput, submissionSchema } from './submission';

const aSubmission = (over: Partial<SubmissionInput> = {}): SubmissionInput => ({
  externalId: 'wire-1',
  headline: 'Kabul markets reopen',
  body: '<p>Traders returned.</p>',
  category: 'Business',
  ...over,
});

/** The fields a submission is refused for, as the API's error details name them. */
function refusedPaths(over: Partial<SubmissionInput> | Record<string, unknown>): string[] {
  const result = submissionSchema.safeParse({ ...aSubmission(), ...over });
  return result.success ? [] : result.error.issues.map((i) => i.path.join('.'));
}

describe('submissionSchema', () => {
  it.each([
    ['<b></b>'],
    ['&nbsp;'],
    ['<!-- x -->'],
    ['<script>x</script>'],
    ['&lt;script&gt;x&lt;/script&gt;'],
    ['\u0000\u202E'],
  ])('refuses a headline, category, byline or tag with no text once cleaned: %j', (hostile) => {
    expect(refusedPaths({ headline: hostile })).toEqual(['headline']);
    expect(refusedPaths({ category: hostile })).toEqual(['category']);
    expect(refusedPaths({ bylines: ['Mariam Ahmadi', hostile] })).toEqual(['bylines.1']);
    expect(refusedPaths({ tags: [hostile] })).toEqual(['tags.0']);
  });

  it.each([['<p></p>'], ['<script>alert(1)</script>'], ['<img src="https://example.org/a.jpg">'], ['&nbsp;']])(
    'refuses a body with no text left: %j',
    (body) => {
      expect(refusedPaths({ body })).toEqual(['body']);
    },
  );

  it('drops an optional text field that cleaning empties', () => {
    const parsed = submissionSchema.parse(
      aSubmission({ summary: '<b></b>', images: [{ url: 'https://e.org/a.jpg', alt: '&nbsp;' }] }),
    );
    expect(parsed.summary).toBeUndefined();
    expect(parsed.images?.[0]?.alt).toBeUndefined();
  });

  it('cleans every plain-text field, image text included, and sanitizes the body', () => {
    const xss = '&lt;img src=x onerror=alert(1)&gt;<script>alert(2)</script>';
    const parsed = submissionSchema.parse(
      aSubmission({
        headline: `Budget ${xss}`,
        summary: `Summary ${xss}`,
        body: `<p>Body</p>${xss}`,
        bylines: [`Mariam ${xss}`],
        category: `<b>Politics</b>${xss}`,
        tags: [`Economy ${xss}`],
        images: [{ url: 'https://e.org/a.jpg', alt: `Alt ${xss}`, caption: `Caption ${xss}`, credit: `AP ${xss}` }],
      }),
    );
    expect(parsed).toMatchObject({
      headline: 'Budget',
      summary: 'Summary',
      bylines: ['Mariam'],
      category: 'Politics',
      tags: ['Economy'],
      images: [{ url: 'https://e.org/a.jpg', alt: 'Alt', caption: 'Caption', credit: 'AP' }],
    });
    expect(parsed.body).not.toMatch(/<script|<img[^>]*onerror/i);
  });

  it('keeps a Dari headline with its zero-width non-joiner byte for byte', () => {
    const headline = 'بازار‌های کابل دوباره باز شدند';
    expect(Buffer.from(submissionSchema.parse(aSubmission({ headline })).headline)).toEqual(Buffer.from(headline));
  });

  it.each([
    ['a lone surrogate', 'Kabul \uD800 markets'],
    ['a replacement character', 'Kabul \uFFFD markets'],
  ])('refuses text that is not well-formed: %s', (_what, headline) => {
    expect(refusedPaths({ headline, summary: headline, body: `<p>${headline}</p>` })).toEqual([
      'headline',
      'summary',
      'body',
    ]);
  });

  it('refuses an external id with control characters rather than changing it', () => {
    expect(refusedPaths({ externalId: 'wire\u0000-1' })).toEqual(['externalId']);
    expect(refusedPaths({ externalId: 'wire\u202E-1' })).toEqual(['externalId']);
  });

  it('holds URLs, the language tag and image text to their documented limits', () => {
    const long = `https://example.org/${'a'.repeat(2_100)}`;
    expect(refusedPaths({ url: long })).toEqual(['url']);
    expect(refusedPaths({ images: [{ url: long }] })).toEqual(['images.0.url']);
    expect(refusedPaths({ images: [{ url: 'https://e.org/a.jpg', caption: 'c'.repeat(1_001) }] })).toEqual([
      'images.0.caption',
    ]);
    expect(refusedPaths({ language: `en${'-abcdefgh'.repeat(5)}` })).toEqual(['language']);
    expect(refusedPaths({ url: 'javascript:alert(1)' })).toEqual(['url']);
  });
});
