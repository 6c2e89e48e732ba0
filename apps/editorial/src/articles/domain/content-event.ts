import {
  articleFields,
  ContentEventType,
  DomainEvent,
  EventCatalog,
  EventTypes,
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
    corrections: article.corrections.map((c) => ({ note: c.note, at: c.at.toISOString() })),
    previousSlugs: article.previousSlugs,
  };
  return article.status === 'killed' ? killedRemains(snapshot) : snapshot;
}

/** A content-log event carrying the article's public state at its version (a killed one: only its remains). */
export function contentEvent(type: ContentEventType, article: Article, correlationId: string, at: Date): DomainEvent {
  const killed = type === EventTypes.ArticleKilled;
  return makeEnvelope({
    type,
    source: '/editorial',
    subject: article.id,
    dataschema: EventCatalog[type].dataschema,
    correlationId,
    time: at,
    data: {
      version: article.version,
      article: toPublicArticle(article, at),
      ...(killed && article.killReason ? { reason: article.killReason } : {}),
    },
  }) as DomainEvent;
}
