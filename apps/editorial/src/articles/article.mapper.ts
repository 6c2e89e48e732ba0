import { articleFields } from '@broadsheet/contracts';
import { OutboxFields } from '@broadsheet/messaging';
import { Article } from './article';
import { ArticleDoc } from './article.schema';

/** An article document without the outbox the relay owns. */
export type StoredArticle = Omit<ArticleDoc, keyof OutboxFields>;

/** Stored document → domain: every field named, so nothing the store adds slips through. */
export function toArticle(doc: StoredArticle): Article {
  return {
    id: doc._id,
    ...articleFields(doc),
    articleKey: doc.articleKey,
    ingestRevision: doc.ingestRevision,
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
