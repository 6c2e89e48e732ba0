import { DynamicModule, Module } from '@nestjs/common';
import { AuthModule } from '@broadsheet/auth';
import { DeadLettersController, MessagingModule } from '@broadsheet/messaging';
import { ObservabilityModule } from '@broadsheet/observability';
import { MongoModule } from '@broadsheet/persistence';
import { SearchModule } from '@broadsheet/search';
import { ArticlesController } from './articles/articles.controller';
import { ContentConsumer } from './articles/content.consumer';
import { ReadModelRepository } from './articles/read-model.repository';
import { DeliveryConfig } from './config';
import { DeliveryOpsModule } from './rebuild/delivery-ops.module';
import { SearchController } from './search/search.controller';
import { SearchService } from './search/search.service';

@Module({})
export class DeliveryModule {
  static forRoot(config: DeliveryConfig): DynamicModule {
    return {
      module: DeliveryModule,
      imports: [
        ObservabilityModule.forRoot(config),
        MongoModule.forRoot({ url: config.MONGO_URL, dbName: config.MONGO_DB }),
        AuthModule.forRoot(config.JWT_SECRET),
        SearchModule.forRoot({
          url: config.MEILI_URL,
          apiKey: config.MEILI_SEARCH_KEY,
          indexPrefix: config.MEILI_INDEX_PREFIX,
        }),
        MessagingModule.forService('delivery', config),
        DeliveryOpsModule,
      ],
      controllers: [ArticlesController, SearchController, ContentConsumer, DeadLettersController],
      providers: [ReadModelRepository, SearchService],
    };
  }
}
