import { ArticleStatuses } from '@broadsheet/contracts';
import { z } from 'zod';
import { AuditEntry, Revision, WireUpdate } from '../domain/article';
import { ContentDiff } from '../domain/diff';

const status = z.enum(ArticleStatuses);
const part = z.object({
  op: z.enum(['same', 'added', 'removed']).describe('Kept, added or removed words.'),
  text: z.string().describe('The words, with their spacing.'),
});
const textDiff = z
  .object({
    before: z.string().describe('Value in the earlier revision.'),
    after: z.string().describe('Value in the later revision.'),
    parts: z.array(part).describe('Word-level changes.'),
  })
  .optional();

const content = z.object({
  headline: z.string().describe('Headline.'),
  summary: z.string().optional().describe('Standfirst.'),
  body: z.string().describe('Sanitized HTML body.'),
  bylines: z.array(z.string()).describe('Author names.'),
  category: z.string().describe('Category slug.'),
  categoryLabel: z.string().describe('Category label.'),
  tags: z.array(z.string()).describe('Tags.'),
  language: z.string().describe('Language tag.'),
});

export const revisionReplySchema = z.object({
  n: z.number().int().describe('Revision number.'),
  at: z.iso.datetime().describe('When it was saved.'),
  actor: z.string().describe('Who saved it.'),
  action: z.string().describe('What made it (create, edit, publish, wire-update…).'),
  status: status.describe('State after the save.'),
  slug: z.string().describe('Slug after the save.'),
  content: content.describe('The content as saved.'),
});
export const revisionListReplySchema = z.object({
  items: z.array(revisionReplySchema.omit({ content: true })).describe('Every revision, oldest first.'),
});

export const diffReplySchema = z.object({
  changed: z.array(z.string()).describe('Fields that differ.'),
  headline: textDiff.describe('Headline, word by word.'),
  summary: textDiff.describe('Standfirst, word by word.'),
  category: textDiff.describe('Category label.'),
  tags: z
    .object({
      added: z.array(z.string()).describe('Tags added.'),
      removed: z.array(z.string()).describe('Tags removed.'),
    })
    .optional()
    .describe('Tags added and removed.'),
  body: z
    .array(
      z.object({
        op: z.enum(['same', 'added', 'removed', 'changed']).describe('What happened to the paragraph.'),
        parts: z.array(part).describe('Its words.'),
      }),
    )
    .optional()
    .describe('The body paragraph by paragraph, changed ones word by word.'),
});

export const auditReplySchema = z.object({
  items: z
    .array(
      z.object({
        at: z.iso.datetime().describe('When.'),
        actor: z.string().describe('Who: a user id, `source:<name>` or `scheduler`.'),
        action: z.string().describe('What was done.'),
        from: status.nullable().describe('State before (null at creation).'),
        to: status.describe('State after.'),
        reason: z.string().optional().describe('Why, when the action took a reason.'),
      }),
    )
    .describe('Every action, oldest first.'),
});

export const wireUpdateReplySchema = z.object({
  available: z.boolean().describe('Whether a newer wire version waits; the other fields only when it does.'),
  ingestRevision: z.number().int().optional().describe('The wire revision waiting.'),
  receivedAt: z.iso.datetime().optional().describe('When it arrived.'),
  content: content.optional().describe('The wire version.'),
  diff: diffReplySchema.optional().describe('From the article as it is to the wire version.'),
});

const stripContent = (c: Revision['content']) => ({
  headline: c.headline,
  summary: c.summary,
  body: c.body,
  bylines: c.bylines,
  category: c.category,
  categoryLabel: c.categoryLabel,
  tags: c.tags,
  language: c.language,
});

export const toRevisionReply = (r: Revision) => ({ ...toRevisionLine(r), content: stripContent(r.content) });
export const toRevisionLine = (r: Revision) => ({
  n: r.n,
  at: new Date(r.at).toISOString(),
  actor: r.actor,
  action: r.action,
  status: r.status,
  slug: r.slug,
});
export const toAuditReply = (a: AuditEntry) => ({
  at: new Date(a.at).toISOString(),
  actor: a.actor,
  action: a.action,
  from: a.from,
  to: a.to,
  reason: a.reason,
});
export const toDiffReply = (d: ContentDiff) => d;
export const toWireUpdateReply = (waiting: { update: WireUpdate; diff: ContentDiff } | null) => {
  if (!waiting) return { available: false };
  const { update: u, diff } = waiting;
  return {
    available: true,
    ingestRevision: u.ingestRevision,
    receivedAt: new Date(u.receivedAt).toISOString(),
    content: stripContent(u.content),
    diff,
  };
};
