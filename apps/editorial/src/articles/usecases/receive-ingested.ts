import { Injectable } from '@nestjs/common';
import { DomainError, ErrorCodes, EventTypes, IngestedStory } from '@broadsheet/contracts';
import { randomUUID } from 'node:crypto';
import { Article, ArticleContent } from '../domain/article';
import { andThen, Change, created, step } from '../domain/change';
import { slugFollowing } from '../domain/headline-slug';
import { readableSlug } from '../domain/slug';
import { ArticleWriter } from './article-writer';
import { freeSlug } from './create-article';
import { goLive } from './publish-article';

/** How often a wire update retries after losing a race, before the consumer's own retry takes over. */
const RACE_ATTEMPTS = 5;

const sourceOf = (story: IngestedStory): string => `source:${story.source}`;

function wireContent(story: IngestedStory): ArticleContent {
  return {
    headline: story.headline,
    summary: story.summary,
    body: story.body,
    bylines: story.bylines,
    category: story.category,
    categoryLabel: story.categoryLabel,
    tags: story.tags,
    language: story.language,
    images: story.images,
    sourceUrl: story.url,
  };
}

/** Pure: a wire story's draft (marked as a flash, with its possible duplicates); an auto-publish source's goes live. */
export function draftFromWire(id: string, story: IngestedStory, at: Date): Change {
  const actor = sourceOf(story);
  const article: Article = {
    id,
    status: 'draft',
    slug: readableSlug(story.headline, id),
    ...wireContent(story),
    articleKey: story.articleKey,
    ingestRevision: story.revision,
    revision: 1,
    version: 0,
    createdBy: actor,
    createdAt: at,
    updatedAt: at,
    editedByPerson: false,
    slugChosen: false,
    previousSlugs: [],
    corrections: [],
    flash: story.flash ?? false,
    possibleDuplicateOf: story.possibleDuplicateOf ?? [],
  };
  const draft = created(article, actor, at);
  return story.autoPublish ? andThen(draft, (a) => goLive(a, 'publish', actor, at)) : draft;
}

/**
 * Pure: a newer wire version of a known story. Nobody touched the draft: it is refreshed (an auto-publish
 * source's published story is updated for readers). A person worked on it: the version is kept aside as a
 * "wire update available". Null when the version is not newer.
 */
export function wireArrived(article: Article, story: IngestedStory, at: Date): Change | null {
  if ((article.ingestRevision ?? 0) >= story.revision) return null;
  const actor = sourceOf(story);
  const content = wireContent(story);
  const untouched = !article.editedByPerson;
  const marks = { flash: story.flash ?? false, possibleDuplicateOf: story.possibleDuplicateOf ?? [] };
  const refresh = {
    ...content,
    ...marks,
    ingestRevision: story.revision,
    slug: slugFollowing(article, story.headline),
  };
  if (untouched && (article.status === 'draft' || article.status === 'in_review'))
    return step(article, 'wire-update', actor, at, refresh);
  if (untouched && article.status === 'published' && story.autoPublish)
    return step(article, 'wire-update', actor, at, refresh, EventTypes.ArticleUpdated);
  if (article.status === 'killed')
    return step(article, 'wire-update-ignored', actor, at, { ingestRevision: story.revision });
  const wireUpdate = { ingestRevision: story.revision, receivedAt: at, content };
  return step(article, 'wire-update-held', actor, at, { ingestRevision: story.revision, wireUpdate });
}

@Injectable()
export class ReceiveIngestedUseCase {
  constructor(private readonly writer: ArticleWriter) {}

  /**
   * Applies a wire story. Losing a race (an editor's save, another replica) reads again and decides
   * again; after repeated losses a retryable error lets the consumer retry instead of committing past it.
   */
  async execute(story: IngestedStory): Promise<void> {
    for (let attempt = 0; attempt < RACE_ATTEMPTS; attempt += 1) if (await this.attempt(story)) return;
    throw new DomainError(ErrorCodes.Conflict, `wire update of ${story.articleKey} kept losing races`, [], true);
  }

  private async attempt(story: IngestedStory): Promise<boolean> {
    const existing = await this.writer.repo.findByKey(story.articleKey);
    if (!existing)
      return this.writer.insert(await freeSlug(this.writer, draftFromWire(randomUUID(), story, this.writer.now())));
    const change = wireArrived(existing, story, this.writer.now());
    if (!change) return true;
    return this.writer.tryCommit(change.after.slug === existing.slug ? change : await freeSlug(this.writer, change));
  }
}
