import { randomUUID } from 'node:crypto';
import { aPublicArticle } from '@broadsheet/testing';
import { EventCatalog, EventTypes, makeEnvelope, parseEvent, DomainError } from './index';

const published = (data: unknown) =>
  makeEnvelope({
    type: EventTypes.ArticlePublished,
    source: '/editorial',
    subject: 'a1',
    dataschema: EventCatalog[EventTypes.ArticlePublished].dataschema,
    correlationId: randomUUID(),
    data,
  });

function refusal(raw: unknown): DomainError {
  try {
    parseEvent(raw);
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('the event was accepted');
}

describe('event contracts', () => {
  it('accepts a well-formed content event and returns it typed', () => {
    const event = parseEvent(published({ version: 3, article: aPublicArticle({ id: 'a1' }) }));
    expect(event.type).toBe('article.published');
    expect(event.data).toMatchObject({ version: 3, article: { id: 'a1' } });
  });

  it('refuses an event whose data breaks its schema, naming the field', () => {
    const error = refusal(published({ version: 0, article: { ...aPublicArticle(), headline: 42 } }));
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.details.map((d) => d.path).sort()).toEqual(['data.article.headline', 'data.version']);
  });

  it('refuses an envelope that is not CloudEvents 1.0', () => {
    const error = refusal({ ...published({ version: 1, article: aPublicArticle() }), specversion: '0.3' });
    expect(error.details[0]?.path).toBe('specversion');
  });

  it('refuses an unknown event type and a dataschema that does not match the type', () => {
    expect(refusal({ ...published({}), type: 'article.exploded' }).message).toContain('unknown event type');
    expect(
      refusal({ ...published({ version: 1, article: aPublicArticle() }), dataschema: 'broadsheet/other/v1' }).details[0]
        ?.path,
    ).toBe('dataschema');
  });
});
