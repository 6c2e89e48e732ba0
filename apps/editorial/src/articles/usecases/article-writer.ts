import { Injectable } from '@nestjs/common';
import { DomainError, DomainEvent, ErrorCodes } from '@broadsheet/contracts';
import { correlationIdOrNew } from '@broadsheet/observability';
import { Clock } from '../../clock';
import { Article } from '../domain/article';
import { Change } from '../domain/change';
import { contentEvent } from '../domain/content-event';
import { ArticlesRepository, SaveGuard } from '../storage/articles.repository';

/** The revision a client says it is changing (`If-Match`), when it says one. */
export type Expected = number | undefined;

/** What every use case does around its pure state change: load, check the precondition, write with events. */
@Injectable()
export class ArticleWriter {
  constructor(
    readonly repo: ArticlesRepository,
    private readonly clock: Clock,
  ) {}

  now(): Date {
    return this.clock.now();
  }

  /** The article, or NOT_FOUND; PRECONDITION_FAILED when the client changes a revision that is not current. */
  async load(id: string, expected?: Expected): Promise<Article> {
    const article = await this.repo.findById(id);
    if (!article) throw new DomainError(ErrorCodes.NotFound, `article ${id} not found`);
    if (expected !== undefined && article.revision !== expected) throw stale(article.revision);
    return article;
  }

  /** Writes a change to an existing article; losing to a concurrent write is a 412 (with If-Match) or 409. */
  async commit(change: Change, expected?: Expected, guard?: SaveGuard): Promise<Article> {
    if (await this.tryCommit(change, guard)) return change.after;
    if (expected !== undefined) throw stale(undefined);
    throw new DomainError(ErrorCodes.Conflict, 'the article changed meanwhile; reload and retry');
  }

  /** Writes a change; false when another write came first. */
  tryCommit(change: Change, guard?: SaveGuard): Promise<boolean> {
    return this.repo.save(change, this.events(change), guard);
  }

  insert(change: Change): Promise<boolean> {
    return this.repo.insert(change, this.events(change));
  }

  private events(change: Change): DomainEvent[] {
    return change.event ? [contentEvent(change.event, change.after, correlationIdOrNew(), change.after.updatedAt)] : [];
  }
}

function stale(current: number | undefined): DomainError {
  return new DomainError(ErrorCodes.PreconditionFailed, 'the article changed since you read it; reload it', [
    {
      path: 'If-Match',
      message: current === undefined ? 'not the current revision' : `current revision is ${current}`,
    },
  ]);
}
