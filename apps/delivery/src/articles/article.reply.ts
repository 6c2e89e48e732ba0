import { ArticleFields, articleFields, publicArticleSchema } from '@broadsheet/contracts';
import { z } from 'zod';
import { ReadArticle } from './read-model.repository';

/** An article as readers get it: its public fields, never the read model's workings (status, storage ids). */
export type ArticleReply = Omit<ArticleFields, 'status'> & {
  id: string;
  /** Content-log version; the ETag is made from it. */
  version: number;
  publishedAt: Date;
  updatedAt: Date;
};

/** The reply's schema, for the OpenAPI document. */
export const articleReplySchema = publicArticleSchema.omit({ status: true }).extend({
  version: z.number().int().describe('Content-log version; the ETag is made from it.'),
});

/** A list entry's schema: the article without its body. */
export const articleSummaryReplySchema = articleReplySchema.omit({ body: true, version: true });

/** A list entry: the article without its body. */
export type ArticleSummaryReply = Omit<ArticleReply, 'body' | 'version'>;

export function toArticleReply(article: ReadArticle): ArticleReply {
  const { status: _status, ...fields } = articleFields(article);
  return {
    id: article.id,
    ...fields,
    version: article.version,
    publishedAt: article.publishedAt,
    updatedAt: article.updatedAt,
  };
}

export function toArticleSummaryReply(article: ReadArticle): ArticleSummaryReply {
  const { body: _body, version: _version, ...summary } = toArticleReply(article);
  return summary;
}
