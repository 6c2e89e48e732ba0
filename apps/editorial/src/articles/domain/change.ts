import { ContentEventType, contentFields } from '@broadsheet/contracts';
import { Actor, Article, AuditEntry, Revision } from './article';

/**
 * What one action does to an article: its whole next state (revision moved on, the content-log version
 * too when readers see the change), the event readers get, the audit line and the revision snapshot.
 * Use cases compute it with pure functions of (article, action, time); the repository only writes it.
 */
export interface Change {
  /** The state the write expects to find (null: a new article). */
  before: Article | null;
  after: Article;
  event: ContentEventType | null;
  audit: AuditEntry[];
  revision: Revision;
}

/** Fields an action sets; `undefined` clears an optional field. */
export type Patch = Partial<Omit<Article, 'id' | 'revision' | 'version' | 'createdAt' | 'createdBy'>>;

/** One step from `before`: applies the patch, moves the revision on, and the version when there is an event. */
export function step(
  before: Article,
  action: string,
  actor: Actor,
  at: Date,
  patch: Patch,
  event: ContentEventType | null = null,
): Change {
  const after: Article = {
    ...before,
    ...patch,
    revision: before.revision + 1,
    version: event ? before.version + 1 : before.version,
    updatedAt: at,
  };
  return {
    before,
    after,
    event,
    audit: [{ at, actor, action, from: before.status, to: after.status }],
    revision: snapshot(after, action, actor, at),
  };
}

/** The same change with the reason its action gave on its audit line. */
export function because(change: Change, reason: string | undefined): Change {
  if (reason === undefined) return change;
  return { ...change, audit: change.audit.map((a) => ({ ...a, reason })) };
}

/** A new article's first change: revision 1, audited as created by `actor`. */
export function created(article: Article, actor: Actor, at: Date): Change {
  return {
    before: null,
    after: article,
    event: null,
    audit: [{ at, actor, action: 'create', from: null, to: article.status }],
    revision: snapshot(article, 'create', actor, at),
  };
}

/** Chains a second step onto a change not yet written (a wire story published as it arrives). */
export function andThen(first: Change, next: (article: Article) => Change): Change {
  const second = next(first.after);
  return {
    before: first.before,
    after: { ...second.after, revision: first.after.revision },
    event: second.event ?? first.event,
    audit: [...first.audit, ...second.audit],
    revision: { ...second.revision, n: first.after.revision },
  };
}

function snapshot(article: Article, action: string, actor: Actor, at: Date): Revision {
  return {
    n: article.revision,
    at,
    actor,
    action,
    status: article.status,
    slug: article.slug,
    content: contentFields(article),
  };
}
