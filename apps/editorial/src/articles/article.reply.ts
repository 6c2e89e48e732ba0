import { articleFields, publicArticleSchema } from '@broadsheet/contracts';
import { z } from 'zod';
import { Article } from './article';

/** An article as the desk API answers it: what editors work with, never storage fields (outbox, leases). */
export const articleReplySchema = publicArticleSchema.extend({
  articleKey: z.string().optional().describe('`source:externalId` of the wire story it came from, if any.'),
  revision: z.number().int().describe('Edit counter: send it back in `If-Match` to change the article.'),
  version: z.number().int().describe('Content-log version: grows with every published change.'),
  publishedAt: z.iso.datetime().optional().describe('First publication (ISO-8601), once published.'),
  updatedAt: z.iso.datetime().describe('Last change (ISO-8601).'),
  createdBy: z.string().describe('Who created it: an editor id, or `source:<name>` for wire stories.'),
  createdAt: z.iso.datetime().describe('Creation time (ISO-8601).'),
});
export type ArticleReply = z.infer<typeof articleReplySchema>;

export const articleListReplySchema = z.object({
  items: z.array(articleReplySchema),
  nextCursor: z.string().nullable().describe('Pass as `cursor` for the next page; null on the last one.'),
});
export type ArticleListReply = z.infer<typeof articleListReplySchema>;

export function toArticleReply(article: Article): ArticleReply {
  return {
    id: article.id,
    ...articleFields(article),
    articleKey: article.articleKey,
    revision: article.revision,
    version: article.version,
    publishedAt: article.publishedAt?.toISOString(),
    updatedAt: article.updatedAt.toISOString(),
    createdBy: article.createdBy,
    createdAt: article.createdAt.toISOString(),
  };
}
