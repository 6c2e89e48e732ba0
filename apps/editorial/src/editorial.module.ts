import { DynamicModule, Module } from '@nestjs/common';
import { AuthModule } from '@broadsheet/auth';
import { DeadLettersController, MessagingModule, RefusedOutboxController } from '@broadsheet/messaging';
import { ObservabilityModule } from '@broadsheet/observability';
import { MongoModule } from '@broadsheet/persistence';
import { ARTICLES } from './articles/article.schema';
import { ArticlesController } from './articles/articles.controller';
import { ArticlesRepository } from './articles/articles.repository';
import { ArticlesService, CLOCK } from './articles/articles.service';
import { IngestedConsumer } from './articles/ingested.consumer';
import { EditorialConfig } from './config';

@Module({})
export class EditorialModule {
  static forRoot(config: EditorialConfig): DynamicModule {
    return {
      module: EditorialModule,
      imports: [
        ObservabilityModule.forRoot(config),
        MongoModule.forRoot({ url: config.MONGO_URL, dbName: config.MONGO_DB }),
        AuthModule.forRoot(config.JWT_SECRET),
        MessagingModule.forService('editorial', config, { outboxCollections: [ARTICLES] }),
      ],
      controllers: [ArticlesController, IngestedConsumer, DeadLettersController, RefusedOutboxController],
      providers: [ArticlesRepository, ArticlesService, { provide: CLOCK, useValue: () => new Date() }],
    };
  }
}
