import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { FireScheduledUseCase } from '../usecases/fire-scheduled';

export const SCHEDULER_OPTIONS = Symbol('SCHEDULER_OPTIONS');

export interface SchedulerOptions {
  /** How often the store is asked for due articles: bounds how late a publication can be. */
  pollMs: number;
  /** How long a claim holds an article before another process may take it (its holder died). */
  leaseMs: number;
  /** Claims in flight at once, so a whole second's worth of stories goes out within it. */
  parallel: number;
}

/**
 * Publishes scheduled articles when their time comes. Schedules live in the store, so they survive
 * restarts; every process runs a scheduler, and the claim (an atomic conditional update with a lease)
 * lets exactly one of them publish each article.
 */
@Injectable()
export class Scheduler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(Scheduler.name);
  private readonly owner = `scheduler-${randomUUID()}`;
  private timer?: NodeJS.Timeout;
  private round?: Promise<void>;
  private stopped = false;

  constructor(
    private readonly fire: FireScheduledUseCase,
    @Inject(SCHEDULER_OPTIONS) private readonly options: SchedulerOptions,
  ) {}

  onApplicationBootstrap(): void {
    this.next(0);
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.round;
  }

  private next(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.round = this.drain()
        .catch((error: unknown) => this.logger.warn(`scheduler round failed: ${String(error)}`))
        .finally(() => this.next(this.options.pollMs));
    }, delayMs);
  }

  /**
   * Fires every due article until none is left: each round claims up to `parallel` of them at once
   * (under an owner token of its own, so a round finds exactly what it won) and publishes them together.
   */
  private async drain(): Promise<void> {
    while (!this.stopped) {
      const owner = `${this.owner}:${randomUUID()}`;
      const claimed = await this.fire.claim(owner, this.options.leaseMs, this.options.parallel);
      if (claimed.length === 0) return;
      const published = await Promise.allSettled(claimed.map((a) => this.fire.publish(a, owner)));
      for (const p of published)
        if (p.status === 'rejected') this.logger.warn(`scheduled publication failed: ${String(p.reason)}`);
    }
  }
}
