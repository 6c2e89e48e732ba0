import { Injectable } from '@nestjs/common';
import { Article } from '../domain/article';
import { Change } from '../domain/change';
import { goLive } from './publish-article';
import { ArticleWriter } from './article-writer';

export const SCHEDULER: string = 'scheduler';

/** Pure: a scheduled article whose time has come goes live; anything else is left alone (null). */
export function fireScheduled(article: Article, at: Date): Change | null {
  if (article.status !== 'scheduled' || !article.publishAt || article.publishAt > at) return null;
  return goLive(article, 'scheduled-publish', SCHEDULER, at);
}

/** Claims due articles for the scheduler and publishes them; only the holder of a claim's lease may. */
@Injectable()
export class FireScheduledUseCase {
  constructor(private readonly writer: ArticleWriter) {}

  /** Claims up to `limit` due articles in due order, under a lease held by `owner` (unique to this claim). */
  claim(owner: string, leaseMs: number, limit: number): Promise<Article[]> {
    const at = this.writer.now();
    return this.writer.repo.claimDue(at, owner, new Date(at.getTime() + leaseMs), limit);
  }

  /**
   * Publishes a claimed article. Someone changed it since (unscheduled, killed): the guarded write fails
   * and nothing happens. A failed write gives the claim up, so the next round retries at once.
   */
  async publish(article: Article, owner: string): Promise<void> {
    const change = fireScheduled(article, this.writer.now());
    if (!change) return;
    try {
      await this.writer.tryCommit(change, { scheduleLeaseOwner: owner });
    } catch (error) {
      await this.writer.repo.releaseClaim(article.id, owner);
      throw error;
    }
  }
}
