import { Injectable } from '@nestjs/common';
import { EventTypes } from '@broadsheet/contracts';
import { Actor, Article } from '../domain/article';
import { Change, step } from '../domain/change';
import { assertAllowed } from '../domain/workflow';
import { ArticleWriter, Expected } from './article-writer';

/**
 * Pure: a published article leaves every reader surface (`article.unpublished`); a scheduled one is
 * taken off the schedule, back to draft if readers never saw it, with no event (readers see no change).
 */
export function unpublishArticle(article: Article, actor: Actor, at: Date): Change {
  assertAllowed(article.status, 'unpublish');
  if (article.status === 'published')
    return step(article, 'unpublish', actor, at, { status: 'unpublished' }, EventTypes.ArticleUnpublished);
  const status = article.version === 0 ? 'draft' : 'unpublished';
  return step(article, 'unschedule', actor, at, { status, publishAt: undefined });
}

@Injectable()
export class UnpublishArticleUseCase {
  constructor(private readonly writer: ArticleWriter) {}

  async execute(id: string, actor: Actor, expected?: Expected): Promise<Article> {
    const article = await this.writer.load(id, expected);
    return this.writer.commit(unpublishArticle(article, actor, this.writer.now()), expected);
  }
}
