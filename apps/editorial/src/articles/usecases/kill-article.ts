import { Injectable } from '@nestjs/common';
import { EventTypes } from '@broadsheet/contracts';
import { Actor, Article } from '../domain/article';
import { because, Change, step } from '../domain/change';
import { assertAllowed } from '../domain/workflow';
import { ArticleWriter, Expected } from './article-writer';

/**
 * Pure: a legal takedown, for good. A story readers saw gets `article.killed`, which carries only its
 * remains (see killedRemains); one that never reached the content log gets no event at all.
 */
export function killArticle(article: Article, reason: string | undefined, actor: Actor, at: Date): Change {
  assertAllowed(article.status, 'kill');
  const patch = { status: 'killed' as const, killReason: reason, publishAt: undefined, wireUpdate: undefined };
  return because(
    step(article, 'kill', actor, at, patch, article.version > 0 ? EventTypes.ArticleKilled : null),
    reason,
  );
}

@Injectable()
export class KillArticleUseCase {
  constructor(private readonly writer: ArticleWriter) {}

  async execute(id: string, reason: string | undefined, actor: Actor, expected?: Expected): Promise<Article> {
    const article = await this.writer.load(id, expected);
    return this.writer.commit(killArticle(article, reason, actor, this.writer.now()), expected);
  }
}
