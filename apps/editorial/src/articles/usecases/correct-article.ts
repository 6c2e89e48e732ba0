import { Injectable } from '@nestjs/common';
import { EventTypes } from '@broadsheet/contracts';
import { Actor, Article } from '../domain/article';
import { Change, step } from '../domain/change';
import { assertAllowed } from '../domain/workflow';
import { ArticleWriter, Expected } from './article-writer';

/** Pure: a public correction appended to a published story, which stays published (`article.updated`). */
export function correctArticle(article: Article, note: string, actor: Actor, at: Date): Change {
  assertAllowed(article.status, 'correct');
  const corrections = [...article.corrections, { note, at }];
  return step(article, 'correct', actor, at, { corrections }, EventTypes.ArticleUpdated);
}

@Injectable()
export class CorrectArticleUseCase {
  constructor(private readonly writer: ArticleWriter) {}

  async execute(id: string, note: string, actor: Actor, expected?: Expected): Promise<Article> {
    const article = await this.writer.load(id, expected);
    return this.writer.commit(correctArticle(article, note, actor, this.writer.now()), expected);
  }
}
