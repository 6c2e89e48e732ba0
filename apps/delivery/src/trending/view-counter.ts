import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { APP_CONFIG } from '@broadsheet/observability';
import type { DeliveryConfig } from '../config';
import { hourOf, ViewsRepository } from './views.repository';

/**
 * Counts reads in memory and writes them once a flush interval, one `$inc` per article and hour: a read
 * costs a map increment, never a store round trip on the reader's path. Callers count only visible stories.
 */
@Injectable()
export class ViewCounter implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(ViewCounter.name);
  private pending = new Map<number, Map<string, number>>();
  private timer?: NodeJS.Timeout;
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly views: ViewsRepository,
    @Inject(APP_CONFIG) private readonly config: DeliveryConfig,
  ) {}

  onModuleInit(): void {
    this.timer = setInterval(() => void this.flush(), this.config.VIEWS_FLUSH_MS);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }

  record(articleId: string, at = Date.now()): void {
    this.add(hourOf(at).getTime(), articleId, 1);
  }

  /** Writes what was counted; a failed write puts its counts back for the next flush. */
  flush(): Promise<void> {
    this.flushing = this.flushing.then(async () => {
      const taken = this.pending;
      this.pending = new Map();
      for (const [hour, counts] of taken) {
        try {
          await this.views.add(counts, new Date(hour));
        } catch (error) {
          this.logger.warn(`views not written yet, kept for the next flush: ${String(error)}`);
          for (const [id, n] of counts) this.add(hour, id, n);
        }
      }
    });
    return this.flushing;
  }

  private add(hour: number, articleId: string, n: number): void {
    const counts = this.pending.get(hour) ?? new Map<string, number>();
    counts.set(articleId, (counts.get(articleId) ?? 0) + n);
    this.pending.set(hour, counts);
  }
}
