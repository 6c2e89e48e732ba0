import { DomainEvent, EventCatalog, EventTypes, makeEnvelope } from '@broadsheet/contracts';
import { randomUUID } from 'node:crypto';
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

/** Per message key, the headlines of the `article.ingested` events read, in topic order. */
export function headlinesByKey(messages: Array<{ key: string | null; value: string }>): Map<string, string[]> {
  const byKey = new Map<string, string[]>();
  for (const m of messages) {
    const headline = (JSON.parse(m.value) as { data: { headline: string } }).data.headline;
    byKey.set(m.key ?? '', [...(byKey.get(m.key ?? '') ?? []), headline]);
  }
  return byKey;
}
