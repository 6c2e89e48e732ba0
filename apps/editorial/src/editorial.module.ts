import { DynamicModule, Module } from '@nestjs/common';
import { JWT_SECRET, JwtGuard } from '@broadsheet/auth';
import { MessagingModule } from '@broadsheet/messaging';
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
        MessagingModule.forRoot({
          clientId: 'editorial',
          brokers: config.KAFKA_BROKERS,
          topicPrefix: config.TOPIC_PREFIX,
          outbox: {
            collections: [ARTICLES],
            pollMs: config.OUTBOX_POLL_MS,
            leaseMs: 30_000,
            enabled: !config.FAULT_EXIT_AFTER_OUTBOX_WRITE,
          },
          consumer: {
            groupId: `${config.TOPIC_PREFIX}editorial`,
            maxAttempts: config.CONSUMER_MAX_ATTEMPTS,
            backoffMs: 200,
            partitionsConcurrently: 3,
            fromBeginning: true,
          },
        }),
      ],
      controllers: [ArticlesController, IngestedConsumer],
      providers: [
        ArticlesRepository,
        ArticlesService,
        JwtGuard,
        { provide: JWT_SECRET, useValue: config.JWT_SECRET },
        { provide: CLOCK, useValue: () => new Date() },
      ],
    };
  }
}
