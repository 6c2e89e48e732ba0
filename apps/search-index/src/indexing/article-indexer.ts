import { Injectable } from '@nestjs/common';
import { ArticleContent, ContentEventTypes, DomainEvent, isEventOf } from '@broadsheet/contracts';
import { CoalescingWriter, WriteTarget } from './coalescing-writer';
import { IndexMetrics } from './index-metrics';
import { IndexSetup } from './index-setup';
import { IndexWriter } from './index-writer';
import { WriteGate } from './write-gate';

/** Keeps the live index in step with the content log (group `search-index`). */
@Injectable()
export class ArticleIndexer {
  private readonly writer: CoalescingWriter;

  constructor(
    private readonly setup: IndexSetup,
    gate: WriteGate,
    private readonly metrics: IndexMetrics,
  ) {
    const index = new IndexWriter(setup.live);
    // Partition batches handled together share one write, and a few writes are queued in Meilisearch at once.
    this.writer = new CoalescingWriter(gated(index, gate), { maxDocuments: 10_000, maxInFlight: 3 });
  }

  /**
   * Hands a batch of events to Meilisearch; resolves once accepted, with `durable` resolving once they
   * are searchable (or known to be older than the index) with the number of states written.
   */
  async enqueue(events: DomainEvent[]): Promise<{ durable: Promise<number> }> {
    await this.setup.assertApplied();
    const content = events.filter((e) => isEventOf(e, ContentEventTypes));
    const { durable } = await this.writer.enqueue(content.map((e) => e.data));
    this.metrics.batchSize.observe({ index: 'live' }, events.length);
    return { durable: durable.then((written) => this.observe(content, written)) };
  }

  private observe(content: Array<DomainEvent & { data: ArticleContent; time: string }>, written: ArticleContent[]) {
    const now = Date.now();
    this.metrics.documentsIndexed.inc({ index: 'live' }, written.length);
    // Only states written now: an old event replayed or redelivered says nothing about today's latency.
    const fresh = new Set(written.map((c) => `${c.article.id}@${c.version}`));
    for (const { data, time } of content) {
      if (fresh.has(`${data.article.id}@${data.version}`))
        this.metrics.searchableLatency.observe((now - Date.parse(time)) / 1000);
    }
    return written.length;
  }
}

/**
 * Every live write shares the swap's gate from before it reads the held versions until Meilisearch
 * applied it, so a swap waits for the writes in flight and none lands on the old index after it.
 */
function gated(index: IndexWriter, gate: WriteGate): WriteTarget {
  return {
    enqueue: async (contents) => {
      const leave = await gate.enterShared();
      try {
        const write = await index.enqueue(contents);
        void write.durable.then(leave, leave);
        return write;
      } catch (error) {
        leave();
        throw error;
      }
    },
    apply: (contents) => gate.shareWhile(() => index.apply(contents)),
  };
}
