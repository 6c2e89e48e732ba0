import { Injectable } from '@nestjs/common';
import { Actor, Article } from '../domain/article';
import { Change, step } from '../domain/change';
import { assertAllowed } from '../domain/workflow';
import { ArticleWriter, Expected } from './article-writer';

/** Pure: a draft goes to review. */
export function submitArticle(article: Article, actor: Actor, at: Date): Change {
  assertAllowed(article.status, 'submit');
  return step(article, 'submit', actor, at, { status: 'in_review' });
}

@Injectable()
export class SubmitArticleUseCase {
  constructor(private readonly writer: ArticleWriter) {}

  async execute(id: string, actor: Actor, expected?: Expected): Promise<Article> {
    const article = await this.writer.load(id, expected);
    return this.writer.commit(submitArticle(article, actor, this.writer.now()), expected);
  }
}
