import {
  articleFields,
  ContentEventType,
  DomainEvent,
  EventCatalog,
  killedRemains,
  makeEnvelope,
  PublicArticle,
} from '@broadsheet/contracts';
import type { Article } from './article';

/** The public snapshot of an article: what readers may see, nothing of the desk's workings. */
export function toPublicArticle(article: Article, at: Date): PublicArticle {
  const snapshot: PublicArticle = {
    id: article.id,
    ...articleFields(article),
    publishedAt: (article.publishedAt ?? at).toISOString(),
    updatedAt: at.toISOString(),
  };
  return article.status === 'killed' ? killedRemains(snapshot) : snapshot;
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
