import { Injectable } from '@nestjs/common';
import { contentFields, DomainError, ErrorCodes, EventTypes } from '@broadsheet/contracts';
import { Actor, Article } from '../domain/article';
import { Change, step } from '../domain/change';
import { slugFollowing } from '../domain/headline-slug';
import { assertAllowed } from '../domain/workflow';
import { ArticleWriter, Expected } from './article-writer';

/** Pure: an editor takes the wire version kept aside, as their own edit. */
export function acceptWireUpdate(article: Article, actor: Actor, at: Date): Change {
  assertAllowed(article.status, 'accept-wire-update');
  const update = article.wireUpdate;
  if (!update) throw new DomainError(ErrorCodes.NotFound, 'no wire update is waiting for this article');
  const patch = {
    ...contentFields(update.content),
    slug: slugFollowing(article, update.content.headline),
    wireUpdate: undefined,
    editedByPerson: true,
  };
  const event = article.status === 'published' ? EventTypes.ArticleUpdated : null;
  return step(article, 'accept-wire-update', actor, at, patch, event);
}

@Injectable()
export class AcceptWireUpdateUseCase {
  constructor(private readonly writer: ArticleWriter) {}

  async execute(id: string, actor: Actor, expected?: Expected): Promise<Article> {
    const article = await this.writer.load(id, expected);
    return this.writer.commit(acceptWireUpdate(article, actor, this.writer.now()), expected);
  }
}
