import { Injectable } from '@nestjs/common';
import { DomainError, ErrorCodes, EventTypes, slugify } from '@broadsheet/contracts';
import { Actor, Article } from '../domain/article';
import { Change, Patch, step } from '../domain/change';
import { slugFollowing } from '../domain/headline-slug';
import { assertAllowed } from '../domain/workflow';
import { ArticleWriter, Expected } from './article-writer';
import { freeSlug } from './create-article';

/** Fields a PATCH changes (cleaned by the request schema); `summary: null` removes the summary. */
export interface Edits {
  headline?: string;
  summary?: string | null;
  body?: string;
  bylines?: string[];
  category?: string;
  tags?: string[];
  language?: string;
  slug?: string;
}

/** States a writer may still change; past them only an editor may (a change there reaches readers). */
const writersStates = ['draft', 'in_review'];

/** Pure: an edit. On a published article it goes to readers as `article.updated`. */
export function editArticle(article: Article, edits: Edits, actor: Actor, at: Date): Change {
  assertAllowed(article.status, 'edit');
  const patch: Patch = { editedByPerson: true };
  for (const key of ['headline', 'body', 'bylines', 'tags', 'language'] as const)
    if (edits[key] !== undefined) Object.assign(patch, { [key]: edits[key] });
  if (edits.summary !== undefined) patch.summary = edits.summary ?? undefined;
  if (edits.category !== undefined) {
    patch.categoryLabel = edits.category;
    patch.category = slugify(edits.category) || 'uncategorized';
  }
  Object.assign(patch, slugPatch(article, edits, patch.headline ?? article.headline));
  return step(article, 'edit', actor, at, patch, article.status === 'published' ? EventTypes.ArticleUpdated : null);
}

/** A chosen slug replaces the current one; once published, the old one is kept for its 301. */
function slugPatch(article: Article, edits: Edits, headline: string): Patch {
  if (edits.slug === undefined || edits.slug === article.slug) return { slug: slugFollowing(article, headline) };
  const previous = article.version > 0 ? [...article.previousSlugs.filter((s) => s !== edits.slug), article.slug] : [];
  return { slug: edits.slug, slugChosen: true, previousSlugs: article.version > 0 ? previous : article.previousSlugs };
}

@Injectable()
export class EditArticleUseCase {
  constructor(private readonly writer: ArticleWriter) {}

  async execute(id: string, edits: Edits, actor: Actor, expected: Expected, mayPublish: boolean): Promise<Article> {
    const article = await this.writer.load(id, expected);
    // An empty patch changes nothing: no revision, no event.
    if (Object.keys(edits).length === 0) return article;
    if (!mayPublish && !writersStates.includes(article.status))
      throw new DomainError(ErrorCodes.Forbidden, `only an editor may change an article that is ${article.status}`);
    let change = editArticle(article, edits, actor, this.writer.now());
    if (edits.slug !== undefined && change.after.slug === edits.slug) {
      if (await this.writer.repo.slugTaken(edits.slug, id))
        throw new DomainError(ErrorCodes.Conflict, 'another article has this slug', [
          { path: 'slug', message: `"${edits.slug}" is taken` },
        ]);
    } else change = await freeSlug(this.writer, change);
    return this.writer.commit(change, expected);
  }
}
