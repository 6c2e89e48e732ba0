import { anIngestedEvent, submissionMessage } from '@broadsheet/testing';
import { DomainError, EventTypes, isEventOf, parseEvent, parseEventJson } from './index';

/** An article.ingested event from some producer, its story overridden. */
function ingested(story: Record<string, unknown>) {
  const event = anIngestedEvent('Kabul markets reopen');
  return { ...event, data: { ...event.data, ...story } };
}

describe('article.ingested as editorial takes it in', () => {
  it('cleans plain-text fields again, whoever produced the event', () => {
    const event = parseEvent(
      ingested({
        headline: '&lt;img src=x onerror=alert(1)&gt;Kabul\u202E markets',
        bylines: ['<b>Mariam</b>'],
        categoryLabel: '<i>Politics</i>',
        tags: ['&lt;script&gt;x&lt;/script&gt;budget'],
        images: [{ url: 'https://e.org/a.jpg', alt: '<script>x</script>Alt', caption: '&nbsp;' }],
      }),
    );
    if (!isEventOf(event, [EventTypes.ArticleIngested])) throw new Error('not an ingested event');
    expect(event.data).toMatchObject({
      headline: 'Kabul markets',
      bylines: ['Mariam'],
      categoryLabel: 'Politics',
      tags: ['budget'],
      images: [{ url: 'https://e.org/a.jpg', alt: 'Alt' }],
    });
    expect(event.data.images[0]?.caption).toBeUndefined();
  });

  it('refuses a story whose headline or category label has no text once cleaned, naming the field', () => {
    let caught: unknown;
    try {
      parseEvent(ingested({ headline: '<b></b>', categoryLabel: '<!-- x -->' }));
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(DomainError);
    expect((caught as DomainError).details.map((d) => d.path).sort()).toEqual(['data.categoryLabel', 'data.headline']);
  });
});

describe('submission.received as ingest takes it in', () => {
  it.each([
    ['an over-long source', 's'.repeat(101)],
    ['a source with a control character', 'wire\u0000'],
  ])('refuses %s, naming data.source', (_what, source) => {
    const event = JSON.parse(submissionMessage({ externalId: 'x' })) as { data: { source: string } };
    event.data.source = source;
    let caught: unknown;
    try {
      parseEventJson(JSON.stringify(event));
    } catch (error) {
      caught = error;
    }
    expect((caught as DomainError).details.map((d) => d.path)).toEqual(['data.source']);
  });
});
