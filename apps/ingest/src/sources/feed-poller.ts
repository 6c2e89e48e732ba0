import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { DomainError } from '@broadsheet/contracts';
import { APP_CONFIG } from '@broadsheet/observability';
import { toBatchReply } from '../batch/batch.reply';
import { BatchService } from '../batch/batch.service';
import type { IngestConfig } from '../config';
import { fromFeed } from '../formats/feed';
import { afterPoll, PollOutcome, Source } from './source';
import { FeedFetcher } from './feed-fetcher';
import { SourcesRepository } from './sources.repository';

/** How long a claimed feed is held before another poller (replica) may take it, should this one die mid-poll. */
const CLAIM_MS = 120_000;

/** Polls registered feeds when due; each replica claims a feed before fetching it, so none is fetched twice. */
@Injectable()
export class FeedPoller implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly log = new Logger(FeedPoller.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    @Inject(APP_CONFIG) private readonly config: IngestConfig,
    private readonly sources: SourcesRepository,
    private readonly fetcher: FeedFetcher,
    private readonly batch: BatchService,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.running ??= this.pollDue().finally(() => (this.running = undefined));
    }, this.config.FEED_POLL_TICK_MS);
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** Polls every feed due now, one after another. */
  async pollDue(now = () => new Date()): Promise<void> {
    try {
      for (let source = await this.claim(now()); source; source = await this.claim(now())) await this.poll(source, now);
    } catch (error) {
      this.log.error(`feed polling stopped this round: ${String(error)}`);
    }
  }

  private claim(at: Date): Promise<Source | null> {
    return this.sources.claimDue(at, new Date(at.getTime() + CLAIM_MS));
  }

  private async poll(source: Source, now: () => Date): Promise<void> {
    const outcome = await this.fetchAndSubmit(source);
    await this.sources.recordPoll(source.id, afterPoll(source.poll, outcome, now(), source.pollIntervalSeconds));
  }

  private async fetchAndSubmit(source: Source): Promise<PollOutcome> {
    const fetched = await this.fetcher.fetch(source.feedUrl!, source.poll);
    if (fetched.kind !== 'changed') return fetched;
    try {
      const items = fromFeed(fetched.body, source.feedUrl);
      const profile = { name: source.id, defaultCategory: source.defaultCategory, autoPublish: source.autoPublish };
      const { counts } = toBatchReply(await this.batch.submitAll(profile, items.slice(0, 500), 'feed'));
      return {
        kind: 'changed',
        status: fetched.status,
        etag: fetched.etag,
        lastModified: fetched.lastModified,
        counts,
      };
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return { kind: 'failed', status: fetched.status, error: error.message };
    }
  }
}
