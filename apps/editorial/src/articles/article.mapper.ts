import { OutboxFields } from '@broadsheet/messaging';
import { Article } from './article';
import { ArticleDoc } from './article.schema';

/** An article document without the outbox the relay owns. */
export type StoredArticle = Omit<ArticleDoc, keyof OutboxFields>;

/** Stored document → domain: every field named, so nothing the store adds slips through. */
export function toArticle(doc: StoredArticle): Article {
  return {
    id: doc._id,
    articleKey: doc.articleKey,
    ingestRevision: doc.ingestRevision,
    status: doc.status,
    slug: doc.slug,
    headline: doc.headline,
    summary: doc.summary,
    body: doc.body,
    bylines: doc.bylines,
    category: doc.category,
    categoryLabel: doc.categoryLabel,
    tags: doc.tags,
    language: doc.language,
    images: doc.images,
    sourceUrl: doc.sourceUrl,
    revision: doc.revision,
    version: doc.version,
    publishedAt: doc.publishedAt,
    createdBy: doc.createdBy,
    createdAt: doc.createdAt,
    updatedAt: doc.updatedAt,
  };
}

/** Domain → stored document (a new one: the outbox fields are the outbox store's to add). */
export function toArticleDoc({ id, ...fields }: Article): StoredArticle {
  return { _id: id, ...fields };
}
