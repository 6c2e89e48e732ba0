import { Injectable } from '@nestjs/common';

/**
 * A readers-writer gate over writes to the live index. Live batches pass together (shared); a reindex's
 * swap passes alone (exclusive), after the batches in flight and before any new one, so no live write
 * can land on the old index after the new one caught up, nor read versions from one and write the other.
 * It covers this process: one search-index replica consumes the live group at a time per partition,
 * and the reindex runs in the process that was asked for it (see README).
 */
@Injectable()
export class WriteGate {
  private shared = 0;
  private exclusive = false;
  private waiting: Array<() => void> = [];

  async shareWhile<T>(work: () => Promise<T>): Promise<T> {
    const leave = await this.enterShared();
    try {
      return await work();
    } finally {
      leave();
    }
  }

  /** Shares the gate until the returned leave is called: for a write that is applied after its caller returns. */
  async enterShared(): Promise<() => void> {
    while (this.exclusive) await this.wait();
    this.shared += 1;
    let left = false;
    return () => {
      if (left) return;
      left = true;
      this.shared -= 1;
      this.wake();
    };
  }

  async exclusiveWhile<T>(work: () => Promise<T>): Promise<T> {
    while (this.exclusive) await this.wait();
    this.exclusive = true;
    try {
      while (this.shared > 0) await this.wait();
      return await work();
    } finally {
      this.exclusive = false;
      this.wake();
    }
  }

  private wait(): Promise<void> {
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private wake(): void {
    const waiting = this.waiting;
    this.waiting = [];
    for (const resolve of waiting) resolve();
  }
}
