import { DynamicModule, Inject, Module, OnModuleInit } from '@nestjs/common';
import { MessagingModule } from '@broadsheet/messaging';
import { HealthRegistry, ObservabilityModule } from '@broadsheet/observability';
import { MongoModule } from '@broadsheet/persistence';
import { createMeili, INDEX_PREFIX, MEILI, registerMeiliHealth } from '@broadsheet/search';
import { Meilisearch } from 'meilisearch';
import { ArticlesController } from './articles/articles.controller';
import { ContentConsumer } from './articles/content.consumer';
import { ReadModelRepository } from './articles/read-model.repository';
import { DeliveryConfig } from './config';
import { SearchController } from './search/search.controller';
import { SearchService } from './search/search.service';

@Module({})
export class DeliveryModule implements OnModuleInit {
  constructor(
    private readonly health: HealthRegistry,
    @Inject(MEILI) private readonly meili: Meilisearch,
  ) {}

  static forRoot(config: DeliveryConfig): DynamicModule {
    return {
      module: DeliveryModule,
      imports: [
        ObservabilityModule.forRoot(config),
        MongoModule.forRoot({ url: config.MONGO_URL, dbName: config.MONGO_DB }),
        MessagingModule.forRoot({
          clientId: 'delivery',
          brokers: config.KAFKA_BROKERS,
          topicPrefix: config.TOPIC_PREFIX,
          consumer: {
            groupId: `${config.TOPIC_PREFIX}delivery`,
            maxAttempts: config.CONSUMER_MAX_ATTEMPTS,
            backoffMs: 200,
            partitionsConcurrently: 3,
            fromBeginning: true,
          },
        }),
      ],
      controllers: [ArticlesController, SearchController, ContentConsumer],
      providers: [
        ReadModelRepository,
        SearchService,
        { provide: MEILI, useValue: createMeili(config.MEILI_URL, config.MEILI_SEARCH_KEY) },
        { provide: INDEX_PREFIX, useValue: config.MEILI_INDEX_PREFIX },
      ],
    };
  }

  onModuleInit(): void {
    registerMeiliHealth(this.health, this.meili);
  }
}
