import { DynamicModule, Inject, Module, OnModuleInit } from '@nestjs/common';
import { MessagingModule } from '@broadsheet/messaging';
import { HealthRegistry, ObservabilityModule } from '@broadsheet/observability';
import { createMeili, INDEX_PREFIX, MEILI, registerMeiliHealth } from '@broadsheet/search';
import { Meilisearch } from 'meilisearch';
import { SearchIndexConfig } from './config';
import { ArticleIndexer } from './indexing/article-indexer';
import { ContentConsumer } from './indexing/content.consumer';

@Module({})
export class SearchIndexModule implements OnModuleInit {
  constructor(
    private readonly health: HealthRegistry,
    @Inject(MEILI) private readonly meili: Meilisearch,
  ) {}

  static forRoot(config: SearchIndexConfig): DynamicModule {
    return {
      module: SearchIndexModule,
      imports: [
        ObservabilityModule.forRoot(config),
        MessagingModule.forRoot({
          clientId: 'search-index',
          brokers: config.KAFKA_BROKERS,
          topicPrefix: config.TOPIC_PREFIX,
          consumer: {
            groupId: `${config.TOPIC_PREFIX}search-index`,
            maxAttempts: config.CONSUMER_MAX_ATTEMPTS,
            backoffMs: 200,
            partitionsConcurrently: 2,
            fromBeginning: true,
          },
        }),
      ],
      controllers: [ContentConsumer],
      providers: [
        { provide: MEILI, useValue: createMeili(config.MEILI_URL, config.MEILI_MASTER_KEY) },
        { provide: INDEX_PREFIX, useValue: config.MEILI_INDEX_PREFIX },
        ArticleIndexer,
      ],
    };
  }

  onModuleInit(): void {
    registerMeiliHealth(this.health, this.meili);
  }
}
