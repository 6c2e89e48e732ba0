import { DomainError, ErrorCodes } from './errors';
import { ContentEventTypes, DomainEvent, EventCatalog, isEventOf } from './events';
import { Topics, TopicSpecs } from './topics';

/** Whether the topic is compacted: a null value there (a tombstone) is compaction data, not a message. */
export function isCompactedTopic(topic: string): boolean {
  const spec = TopicSpecs.find((s) => s.topic === topic);
  return spec?.configEntries.some((e) => e.name === 'cleanup.policy' && e.value === 'compact') ?? false;
}

const misplaced = (path: string, message: string): DomainError =>
  new DomainError(ErrorCodes.ValidationFailed, message, [{ path, message }]);

/**
 * Checks that a valid event belongs where it was read: its type is one the catalog puts on this topic,
 * and on the content log its key, subject and article id agree. Consumers dead-letter what fails, so an
 * event on the wrong topic or filed under another article is seen by an operator, never silently skipped
 * or applied to the wrong article (compaction keeps the latest message per key).
 */
export function assertEventPlacement(topic: string, event: DomainEvent, key: string | null): void {
  const home = EventCatalog[event.type].topic;
  if (home !== topic) throw misplaced('type', `event type "${event.type}" belongs on ${home}, not on ${topic}`);
  if (topic !== Topics.ArticlesContent || !isEventOf(event, ContentEventTypes)) return;
  if (event.subject !== event.data.article.id)
    throw misplaced('subject', `subject "${event.subject}" is not the article id "${event.data.article.id}"`);
  if (key !== event.subject)
    throw misplaced('(key)', `message key "${key ?? ''}" is not the subject "${event.subject}"`);
}
