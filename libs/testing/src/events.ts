import { DomainEvent, EventCatalog, EventTypes, makeEnvelope } from '@broadsheet/contracts';
import { randomUUID } from 'node:crypto';
import { aContent } from './content';
import { aSubmission } from './factories';

/** An `article.ingested` event for `key`; the headline tells events apart in assertions. */
export function anIngestedEvent(headline: string, key = `wire:${randomUUID()}`): DomainEvent {
  const s = aSubmission({ headline });
  return makeEnvelope({
    type: EventTypes.ArticleIngested,
    source: '/ingest',
    subject: key,
    dataschema: EventCatalog[EventTypes.ArticleIngested].dataschema,
    correlationId: randomUUID(),
    data: {
      ...s,
      articleKey: key,
      source: 'wire',
      revision: 1,
      categoryLabel: s.category,
      contentHash: 'h',
      bylines: [],
      tags: [],
      images: [],
      language: 'en',
    },
  }) as DomainEvent;
}

/** An `article.published` event at version 1; its subject is the article id unless a test says otherwise. */
export function aPublishedEvent(id: string, headline: string, subject = id): DomainEvent {
  return makeEnvelope({
    type: EventTypes.ArticlePublished,
    source: '/editorial',
    subject,
    dataschema: EventCatalog[EventTypes.ArticlePublished].dataschema,
    correlationId: randomUUID(),
    data: aContent(1, { id, headline }),
  }) as DomainEvent;
}

/** Per message key, the headlines of the `article.ingested` events read, in topic order. */
export function headlinesByKey(messages: Array<{ key: string | null; value: string }>): Map<string, string[]> {
  const byKey = new Map<string, string[]>();
  for (const m of messages) {
    const headline = (JSON.parse(m.value) as { data: { headline: string } }).data.headline;
    byKey.set(m.key ?? '', [...(byKey.get(m.key ?? '') ?? []), headline]);
  }
  return byKey;
}
