import { aPublishedEvent, anIngestedEvent } from '@broadsheet/testing';
import { assertEventPlacement, DomainError, DomainEvent, isCompactedTopic, Topics } from './index';

const published = (subject: string, articleId: string): DomainEvent => aPublishedEvent(articleId, 'Budget', subject);

function refusedPath(topic: string, event: DomainEvent, key: string | null): string | undefined {
  try {
    assertEventPlacement(topic, event, key);
    return undefined;
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    expect(error.code).toBe('VALIDATION_FAILED');
    return error.details[0]?.path;
  }
}

describe('event placement', () => {
  it('accepts an event on its own topic under its own key', () => {
    expect(refusedPath(Topics.ArticlesContent, published('a1', 'a1'), 'a1')).toBeUndefined();
    expect(refusedPath(Topics.ArticlesIngested, anIngestedEvent('x', 'wire:1'), 'anything')).toBeUndefined();
  });

  it('refuses an event type the catalog puts on another topic', () => {
    expect(refusedPath(Topics.ArticlesContent, anIngestedEvent('x', 'a1'), 'a1')).toBe('type');
    expect(refusedPath(Topics.IngestSubmissions, published('a1', 'a1'), 'a1')).toBe('type');
  });

  it('refuses a content event whose subject or key is not its article id', () => {
    expect(refusedPath(Topics.ArticlesContent, published('a2', 'a1'), 'a2')).toBe('subject');
    expect(refusedPath(Topics.ArticlesContent, published('a1', 'a1'), 'a2')).toBe('(key)');
    expect(refusedPath(Topics.ArticlesContent, published('a1', 'a1'), null)).toBe('(key)');
  });

  it('knows the content log is compacted and the intake topics are not', () => {
    expect(isCompactedTopic(Topics.ArticlesContent)).toBe(true);
    expect(isCompactedTopic(Topics.IngestSubmissions)).toBe(false);
    expect(isCompactedTopic(Topics.ArticlesIngested)).toBe(false);
  });
});
