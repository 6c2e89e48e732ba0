import { Inject, Injectable } from '@nestjs/common';
import { DomainError, ErrorCodes, IngestedStory, slugify } from '@broadsheet/contracts';
import { correlationIdOrNew } from '@broadsheet/observability';
import { randomUUID } from 'node:crypto';
import { Article, ArticleChanges } from './article';
import { ArticlesRepository, ListQuery } from './articles.repository';
import { eventOfActionOn } from './action-event';
import { contentEvent } from './content-event';
import { Action, nextStatus } from './workflow';

export const CLOCK = Symbol('CLOCK');
export type Clock = () => Date;

/** Editorial use cases: drafts from the wire or the desk, and the workflow that puts them in the content log. */
@Injectable()
export class ArticlesService {
  constructor(
    private readonly repo: ArticlesRepository,
    @Inject(CLOCK) private readonly now: Clock,
  ) {}

  async get(id: string): Promise<Article> {
    const article = await this.repo.findById(id);
    if (!article) throw new DomainError(ErrorCodes.NotFound, `article ${id} not found`);
    return article;
  }

  list(query: ListQuery): Promise<Article[]> {
    return this.repo.list(query);
  }

  /** A story from ingest becomes a draft; a newer wire revision refreshes a draft nobody has published yet. */
  async receiveIngested(story: IngestedStory): Promise<void> {
    const existing = await this.repo.findByKey(story.articleKey);
    if (!existing) {
      const inserted = await this.repo.insert(this.draft(randomUUID(), fromStory(story)));
      if (inserted) return;
      return this.receiveIngested(story);
    }
    if ((existing.ingestRevision ?? 0) >= story.revision) return;
    const changes: ArticleChanges = { ingestRevision: story.revision, updatedAt: this.now() };
    if (existing.status === 'draft' || existing.status === 'in_review') {
      const { createdBy: _unused, ...content } = fromStory(story);
      Object.assign(changes, content);
    }
    // Someone wrote meanwhile (an editor's action, another replica): read again and decide again.
    if (!(await this.repo.update(existing.id, existing.revision, changes, []))) return this.receiveIngested(story);
  }

  /** Moves an article through the workflow; a public change goes to the content log with a new version. */
  async act(id: string, action: Action): Promise<Article> {
    const article = await this.get(id);
    const status = nextStatus(article.status, action);
    const at = this.now();
    const type = eventOfActionOn(action, article.version);
    const version = type ? article.version + 1 : article.version;
    const changes: ArticleChanges = { status, version, updatedAt: at };
    if (status === 'published' && !article.publishedAt) changes.publishedAt = at;
    const events = type ? [contentEvent(type, { ...article, ...changes }, version, correlationIdOrNew(), at)] : [];
    // Of concurrent actions on one article, in this process or another, the store lets exactly one write.
    const written = await this.repo.update(id, article.revision, changes, events);
    if (!written) throw new DomainError(ErrorCodes.Conflict, 'the article changed meanwhile; reload and retry');
    return written;
  }

  private draft(
    id: string,
    fields: Omit<Article, 'id' | 'slug' | 'status' | 'revision' | 'version' | 'createdAt' | 'updatedAt'>,
  ): Article {
    const at = this.now();
    const slug = `${slugify(fields.headline, 70) || 'article'}-${id.slice(0, 8)}`;
    return {
      ...fields,
      id,
      slug,
      status: 'draft',
      revision: 1,
      version: 0,
      createdAt: at,
      updatedAt: at,
    };
  }
}

function fromStory(story: IngestedStory) {
  return {
    articleKey: story.articleKey,
    ingestRevision: story.revision,
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
    createdBy: `source:${story.source}`,
  };
}
