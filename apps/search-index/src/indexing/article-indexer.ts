import { Injectable } from '@nestjs/common';
import { ContentEventTypes, DomainEvent, isEventOf } from '@broadsheet/contracts';
import { CoalescingWriter } from './coalescing-writer';
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
    private readonly gate: WriteGate,
    private readonly metrics: IndexMetrics,
  ) {
    const index = new IndexWriter(setup.live);
    // Partition batches handled together share one write; the swap's gate is taken per shared write.
    this.writer = new CoalescingWriter((contents) => this.gate.shareWhile(() => index.apply(contents)), 10_000);
  }

  /** Applies a batch of events; resolves once they are searchable (or known to be older than the index). */
  async apply(events: DomainEvent[]): Promise<number> {
    await this.setup.assertApplied();
    const content = events.filter((e) => isEventOf(e, ContentEventTypes));
    const written = await this.writer.apply(content.map((e) => e.data));
    const now = Date.now();
    this.metrics.batchSize.observe({ index: 'live' }, events.length);
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
