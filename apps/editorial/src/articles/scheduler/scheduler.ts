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

  /** Fires every due article, `parallel` at a time, until none is left. */
  private async drain(): Promise<void> {
    const worker = async (): Promise<void> => {
      while (!this.stopped && (await this.fire.fireNext(this.owner, this.options.leaseMs)));
    };
    await Promise.all(Array.from({ length: this.options.parallel }, worker));
  }
}
