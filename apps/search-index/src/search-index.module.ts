import { DynamicModule, Module } from '@nestjs/common';
import { AuthModule } from '@broadsheet/auth';
import { DeadLettersController, MessagingModule } from '@broadsheet/messaging';
import { ObservabilityModule } from '@broadsheet/observability';
import { SearchModule } from '@broadsheet/search';
import { SearchIndexConfig } from './config';
import { ArticleIndexer } from './indexing/article-indexer';
import { ContentConsumer } from './indexing/content.consumer';

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
        MessagingModule.forService('search-index', config, { partitionsConcurrently: 2 }),
      ],
      controllers: [ContentConsumer, DeadLettersController],
      providers: [ArticleIndexer],
    };
  }
}
