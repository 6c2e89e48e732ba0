import {
  articleFields,
  ContentEventType,
  DomainEvent,
  EventCatalog,
  makeEnvelope,
  PublicArticle,
} from '@broadsheet/contracts';
import type { Article } from './article';

/** The public snapshot of an article: what readers may see, nothing of the desk's workings. */
export function toPublicArticle(article: Article, at: Date): PublicArticle {
  return {
    id: article.id,
    ...articleFields(article),
    body: article.status === 'killed' ? '' : article.body,
    publishedAt: (article.publishedAt ?? at).toISOString(),
    updatedAt: at.toISOString(),
  };
}

/** A content-log event carrying the article's full public state at `version`. */
export function contentEvent(
  type: ContentEventType,
  article: Article,
  version: number,
  correlationId: string,
  at: Date,
): DomainEvent {
  return makeEnvelope({
    type,
    source: '/editorial',
    subject: article.id,
    dataschema: EventCatalog[type].dataschema,
    correlationId,
    time: at,
    data: { version, article: toPublicArticle(article, at) },
  }) as DomainEvent;
}
