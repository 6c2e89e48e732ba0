import { Injectable } from '@nestjs/common';
import { EventTypes } from '@broadsheet/contracts';
import { Actor, Article } from '../domain/article';
import { Change, step } from '../domain/change';
import { assertAllowed } from '../domain/workflow';
import { ArticleWriter, Expected } from './article-writer';

export interface PublishOptions {
  /** Publish at this time instead of now. */
  publishAt?: Date;
  /** Not before this time, whoever presses publish; kept on the article. */
  embargoUntil?: Date;
}

/** Pure: the article reaches readers now, as a new content-log version. */
export function goLive(article: Article, action: string, actor: Actor, at: Date): Change {
  const patch = { status: 'published' as const, publishedAt: article.publishedAt ?? at, publishAt: undefined };
  return step(article, action, actor, at, patch, EventTypes.ArticlePublished);
}

/**
 * Pure: publish now, or schedule when a publication time or an embargo (given now or held already)
 * lies ahead: the later of the two is when it goes out.
 */
export function publishArticle(article: Article, options: PublishOptions, actor: Actor, at: Date): Change {
  assertAllowed(article.status, 'publish');
  const embargoUntil = options.embargoUntil ?? article.embargoUntil;
  const times = [options.publishAt, embargoUntil].filter((t): t is Date => t !== undefined && t > at);
  if (times.length === 0) return goLive({ ...article, embargoUntil }, 'publish', actor, at);
  const publishAt = new Date(Math.max(...times.map((t) => t.getTime())));
  return step(article, 'schedule', actor, at, { status: 'scheduled', publishAt, embargoUntil });
}

@Injectable()
export class PublishArticleUseCase {
  constructor(private readonly writer: ArticleWriter) {}

  async execute(id: string, options: PublishOptions, actor: Actor, expected?: Expected): Promise<Article> {
    const article = await this.writer.load(id, expected);
    return this.writer.commit(publishArticle(article, options, actor, this.writer.now()), expected);
  }
}
