import { HealthRegistry, Metrics } from '@broadsheet/observability';

interface Stall {
  since: Date;
  reason: string;
}

/**
 * Partitions that wait for a dependency to come back. While any does, `/health/ready` answers 503
 * naming them, and `kafka_consumer_stalled_partitions` shows them to Prometheus.
 */
export class ConsumerStalls {
  private readonly stalls = new Map<string, Stall>();

  constructor(
    private readonly metrics: Metrics,
    private readonly group: string,
  ) {}

  /** Adds the readiness check; its name says what it is about, its message which partitions stall. */
  register(health: HealthRegistry): void {
    health.register('kafka-consumer', () => {
      if (this.stalls.size === 0) return Promise.resolve();
      const list = [...this.stalls].map(
        ([where, s]) => `${where} since ${s.since.toISOString()} (${s.reason.slice(0, 200)})`,
      );
      return Promise.reject(new Error(`stalled, waiting for a dependency: ${list.join('; ')}`));
    });
  }

  stalled(topic: string, partition: number, error: unknown): void {
    const where = `${topic}[${partition}]`;
    const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    this.stalls.set(where, { since: this.stalls.get(where)?.since ?? new Date(), reason });
    this.metrics.stalledPartitions.set({ group: this.group, topic, partition: String(partition) }, 1);
  }

  recovered(topic: string, partition: number): void {
    if (!this.stalls.delete(`${topic}[${partition}]`)) return;
    this.metrics.stalledPartitions.set({ group: this.group, topic, partition: String(partition) }, 0);
  }
}
