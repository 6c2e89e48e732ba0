import { Injectable } from '@nestjs/common';
import { EventTypes } from '@broadsheet/contracts';
import { Actor, Article } from '../domain/article';
import { Change, step } from '../domain/change';
import { assertAllowed } from '../domain/workflow';
import { ArticleWriter, Expected } from './article-writer';

/**
 * Pure: a legal takedown, for good. A story readers saw gets `article.killed`, which carries only its
 * remains (see killedRemains); one that never reached the content log gets no event at all.
 */
export function killArticle(article: Article, reason: string, actor: Actor, at: Date): Change {
  assertAllowed(article.status, 'kill');
  const patch = { status: 'killed' as const, killReason: reason, publishAt: undefined, wireUpdate: undefined };
  return step(article, 'kill', actor, at, patch, article.version > 0 ? EventTypes.ArticleKilled : null);
}

@Injectable()
export class KillArticleUseCase {
  constructor(private readonly writer: ArticleWriter) {}

  async execute(id: string, reason: string, actor: Actor, expected?: Expected): Promise<Article> {
    const article = await this.writer.load(id, expected);
    return this.writer.commit(killArticle(article, reason, actor, this.writer.now()), expected);
  }
}
