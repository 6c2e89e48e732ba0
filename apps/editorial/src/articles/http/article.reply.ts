import { articleFields, possibleDuplicateSchema, publicArticleSchema } from '@broadsheet/contracts';
import { z } from 'zod';
import { Article } from '../domain/article';

const iso = (what: string) => z.iso.datetime().describe(`${what} (ISO-8601, UTC).`);

/** An article as the desk API answers it: what editors work with, never storage fields (outbox, leases). */
export const articleReplySchema = publicArticleSchema.omit({ publishedAt: true, updatedAt: true }).extend({
  articleKey: z.string().optional().describe('`source:externalId` of the wire story it came from, if any.'),
  revision: z.number().int().describe('Edit counter: send it back in `If-Match` to change the article.'),
  version: z.number().int().describe('Content-log version: grows with every published change.'),
  publishedAt: iso('First publication, once published').optional(),
  updatedAt: iso('Last change'),
  createdBy: z.string().describe('Who created it: a user id, or `source:<name>` for wire stories.'),
  createdAt: iso('Creation time'),
  flash: z.boolean().describe('An agency flash: headline first, body to follow.'),
  possibleDuplicateOf: z.array(possibleDuplicateSchema).describe('Recent stories this one nearly repeats.'),
  wireUpdateAvailable: z.boolean().describe('A newer wire version waits at `/wire-update`.'),
  publishAt: iso('When a scheduled article goes out').optional(),
  embargoUntil: iso('Not published before this time').optional(),
  killReason: z.string().optional().describe('Why it was killed.'),
});
export type ArticleReply = z.infer<typeof articleReplySchema>;

export const articleListReplySchema = z.object({
  items: z.array(articleReplySchema).describe('Articles, newest change first.'),
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
    corrections: article.corrections.map((c) => ({ note: c.note, at: c.at.toISOString() })),
    previousSlugs: article.previousSlugs,
    flash: article.flash,
    possibleDuplicateOf: article.possibleDuplicateOf,
    wireUpdateAvailable: article.wireUpdate !== undefined,
    publishAt: article.publishAt?.toISOString(),
    embargoUntil: article.embargoUntil?.toISOString(),
    killReason: article.killReason,
  };
}
