import { Injectable } from '@nestjs/common';
import { EventTypes } from '@broadsheet/contracts';
import { Actor, Article } from '../domain/article';
import { because, Change, step } from '../domain/change';
import { assertAllowed } from '../domain/workflow';
import { ArticleWriter, Expected } from './article-writer';

/**
 * Pure: a published article leaves every reader surface (`article.unpublished`); a scheduled one is
 * taken off the schedule, back to draft if readers never saw it, with no event (readers see no change).
 */
export function unpublishArticle(article: Article, actor: Actor, at: Date, reason?: string): Change {
  assertAllowed(article.status, 'unpublish');
  if (article.status === 'published') {
    const change = step(article, 'unpublish', actor, at, { status: 'unpublished' }, EventTypes.ArticleUnpublished);
    return because(change, reason);
  }
  const status = article.version === 0 ? 'draft' : 'unpublished';
  return because(step(article, 'unschedule', actor, at, { status, publishAt: undefined }), reason);
}

@Injectable()
export class UnpublishArticleUseCase {
  constructor(private readonly writer: ArticleWriter) {}

  async execute(id: string, reason: string | undefined, actor: Actor, expected?: Expected): Promise<Article> {
    const article = await this.writer.load(id, expected);
    return this.writer.commit(unpublishArticle(article, actor, this.writer.now(), reason), expected);
  }
}
