import {
  ArticleFields,
  articleFields,
  correctionSchema,
  publicArticleSchema,
  sanitizeBody,
} from '@broadsheet/contracts';
import { z } from 'zod';
import { ReadArticle } from './read-model.repository';

/** An article as readers get it: its public fields, never the read model's workings (status, storage ids). */
export type ArticleReply = Omit<ArticleFields, 'status'> & {
  id: string;
  /** Content-log version; the ETag is made from it. */
  version: number;
  publishedAt: Date;
  updatedAt: Date;
  /** Public corrections, oldest first, each with its time. */
  corrections: Array<{ note: string; at: Date }>;
};

/** The reply's schema, for the OpenAPI document. */
export const articleReplySchema = publicArticleSchema.omit({ status: true, previousSlugs: true }).extend({
  version: z.number().int().describe('Content-log version; the ETag is made from it.'),
  corrections: z.array(correctionSchema).describe('Public corrections, oldest first, each with its time.'),
});

/** A list entry's schema: the article without its body. */
export const articleSummaryReplySchema = articleReplySchema.omit({ body: true, version: true, corrections: true });

/** A list entry: the article without its body. */
export type ArticleSummaryReply = Omit<ArticleReply, 'body' | 'version' | 'corrections'>;

export function toArticleReply(article: ReadArticle): ArticleReply {
  return {
    ...toArticleSummaryReply(article),
    // Cleaned again on the way out: what reaches a reader never depends on every writer having cleaned it.
    body: sanitizeBody(article.body),
    version: article.version,
    corrections: (article.corrections ?? []).map((c) => ({ note: c.note, at: c.at })),
  };
}

/** Lists read no body: the summary is made from the fields they hold. */
export function toArticleSummaryReply(article: ReadArticle): ArticleSummaryReply {
  const { status: _status, body: _body, ...fields } = articleFields(article);
  return { id: article.id, ...fields, publishedAt: article.publishedAt, updatedAt: article.updatedAt };
}
