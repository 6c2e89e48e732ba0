import { Injectable } from '@nestjs/common';
import { Metrics } from '@broadsheet/observability';
import { Counter, Gauge, Histogram } from 'prom-client';

/** search-index's own metrics, on the process's registry. */
@Injectable()
export class IndexMetrics {
  readonly batchSize: Histogram<'index'>;
  readonly documentsIndexed: Counter<'index'>;
  readonly searchableLatency: Histogram;
  readonly reindexEvents: Gauge<'reindex'>;
  readonly reindexDocuments: Gauge<'reindex'>;
  readonly reindexLag: Gauge<'reindex'>;

  constructor(metrics: Metrics) {
    const registers = [metrics.registry];
    this.batchSize = new Histogram({
      name: 'search_index_batch_size',
      help: 'Content events per batch written to Meilisearch, by index (live or reindex)',
      labelNames: ['index'],
      buckets: [1, 2, 5, 10, 25, 50, 100, 250, 500, 1000],
      registers,
    });
    this.documentsIndexed = new Counter({
      name: 'search_index_documents_indexed_total',
      help: 'Documents written to Meilisearch (newer than what the index held), by index (live or reindex)',
      labelNames: ['index'],
      registers,
    });
    this.searchableLatency = new Histogram({
      name: 'search_index_event_to_searchable_seconds',
      help: "Time from a content event's creation (its CloudEvents time) to Meilisearch having applied it: publish to searchable",
      buckets: [0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
      registers,
    });
    this.reindexEvents = gauge('search_index_reindex_events_read', 'Content-log events a reindex has read', registers);
    this.reindexDocuments = gauge(
      'search_index_reindex_documents_indexed',
      'Documents a reindex has written into its new index',
      registers,
    );
    this.reindexLag = gauge('search_index_reindex_lag', 'Content-log messages a reindex has still to read', registers);
  }
}

function gauge(name: string, help: string, registers: Metrics['registry'][]): Gauge<'reindex'> {
  return new Gauge({ name, help, labelNames: ['reindex'], registers });
}
