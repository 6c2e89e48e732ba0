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

/** Publishes one due article the scheduler claimed; only the holder of the claim's lease may. */
@Injectable()
export class FireScheduledUseCase {
  constructor(private readonly writer: ArticleWriter) {}

  /** Claims and publishes one due article; false when none was due and free. */
  async fireNext(owner: string, leaseMs: number): Promise<boolean> {
    const at = this.writer.now();
    const claimed = await this.writer.repo.claimDue(at, owner, new Date(at.getTime() + leaseMs));
    if (!claimed) return false;
    const change = fireScheduled(claimed, this.writer.now());
    // Someone changed it since (unscheduled, killed): the write below would fail anyway; the lease lapses.
    if (change) await this.writer.tryCommit(change, { scheduleLeaseOwner: owner });
    return true;
  }
}
