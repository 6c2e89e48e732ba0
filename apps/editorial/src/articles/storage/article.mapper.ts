import { articleFields } from '@broadsheet/contracts';
import { OutboxFields } from '@broadsheet/messaging';
import { Article, AuditEntry, Revision } from '../domain/article';
import { ArticleDoc, ScheduleLease } from './article.schema';

/** An article document as read for the desk: without the outbox, the lease, revisions and audit. */
export type StoredArticle = Omit<ArticleDoc, keyof OutboxFields | keyof ScheduleLease | 'revisions' | 'audit'>;

/** Fields a plain read leaves out: storage (outbox, lease) and the histories read on their own routes. */
export const articleOnly = {
  outbox: 0,
  outboxPending: 0,
  outboxLeaseUntil: 0,
  outboxLeaseOwner: 0,
  outboxRejected: 0,
  scheduleLeaseUntil: 0,
  scheduleLeaseOwner: 0,
  revisions: 0,
  audit: 0,
} as const;

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
    // Documents written before these fields existed read as their defaults.
    editedByPerson: doc.editedByPerson ?? false,
    slugChosen: doc.slugChosen ?? false,
    previousSlugs: doc.previousSlugs ?? [],
    corrections: doc.corrections ?? [],
    flash: doc.flash ?? false,
    possibleDuplicateOf: doc.possibleDuplicateOf ?? [],
    wireUpdate: doc.wireUpdate ?? undefined,
    publishAt: doc.publishAt ?? undefined,
    embargoUntil: doc.embargoUntil ?? undefined,
    killReason: doc.killReason ?? undefined,
  };
}

/** Domain → a new stored document with its first records (the outbox fields are the outbox store's to add). */
export function toNewDoc(
  article: Article,
  revision: Revision,
  audit: AuditEntry[],
): Omit<ArticleDoc, keyof OutboxFields> {
  const { id, ...fields } = article;
  return { _id: id, ...definedOnly(fields), revisions: [revision], audit } as Omit<ArticleDoc, keyof OutboxFields>;
}

/** The `$set`/`$unset` that turn `before` into `after` in the store (an undefined field is removed). */
export function toUpdate(after: Article): { $set: Record<string, unknown>; $unset: Record<string, ''> } {
  const { id: _id, ...fields } = after;
  const $unset: Record<string, ''> = {};
  for (const [key, value] of Object.entries(fields)) if (value === undefined) $unset[key] = '';
  return { $set: definedOnly(fields), $unset };
}

function definedOnly<T extends object>(fields: T): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
}
