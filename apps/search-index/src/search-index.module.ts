import { DynamicModule, Module } from '@nestjs/common';
import { AuthModule } from '@broadsheet/auth';
import { DeadLettersController, MessagingModule } from '@broadsheet/messaging';
import { ObservabilityModule } from '@broadsheet/observability';
import { SearchModule } from '@broadsheet/search';
import { SearchIndexConfig } from './config';
import { ArticleIndexer } from './indexing/article-indexer';
import { ContentConsumer } from './indexing/content.consumer';
import { IndexMetrics } from './indexing/index-metrics';
import { IndexSetup } from './indexing/index-setup';
import { WriteGate } from './indexing/write-gate';
import { ReindexController } from './reindex/reindex.controller';
import { ReindexService } from './reindex/reindex.service';
import { ContentLog } from './status/content-log';
import { IndexStatusReader } from './status/index-status';
import { IndexStatusController } from './status/index-status.controller';

const MiB = 1024 * 1024;

@Module({})
export class SearchIndexModule {
  static forRoot(config: SearchIndexConfig): DynamicModule {
    return {
      module: SearchIndexModule,
      imports: [
        ObservabilityModule.forRoot(config),
        AuthModule.forRoot(config.JWT_SECRET),
        SearchModule.forRoot({
          url: config.MEILI_URL,
          apiKey: config.MEILI_MASTER_KEY,
          indexPrefix: config.MEILI_INDEX_PREFIX,
        }),
        // Every partition at once, in large fetches: the batches of one fetch become one Meilisearch write
        // (CoalescingWriter), and Meilisearch indexes a few large writes much faster than many small ones.
        // The broker holds a fetch up to 20 ms to gather half a MiB: the most a quiet log waits for it.
        MessagingModule.forService('search-index', config, {
          partitionsConcurrently: 6,
          fetch: { maxBytesPerPartition: 8 * MiB, maxBytes: 64 * MiB, minBytes: MiB / 2, maxWaitTimeInMs: 20 },
        }),
      ],
      controllers: [ContentConsumer, DeadLettersController, ReindexController, IndexStatusController],
      providers: [IndexSetup, WriteGate, IndexMetrics, ArticleIndexer, ContentLog, ReindexService, IndexStatusReader],
    };
  }
}
