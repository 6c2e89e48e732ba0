import { DynamicModule, Module } from '@nestjs/common';
import { AuthModule } from '@broadsheet/auth';
import { DeadLettersController, MessagingModule, RefusedOutboxController } from '@broadsheet/messaging';
import { ObservabilityModule } from '@broadsheet/observability';
import { MongoModule } from '@broadsheet/persistence';
import { ArticleActionsController } from './articles/http/article-actions.controller';
import { ArticleHistoryController } from './articles/http/article-history.controller';
import { ArticlesController } from './articles/http/articles.controller';
import { IngestedConsumer } from './articles/ingested.consumer';
import { Scheduler, SCHEDULER_OPTIONS } from './articles/scheduler/scheduler';
import { ARTICLES } from './articles/storage/article.schema';
import { ArticlesRepository } from './articles/storage/articles.repository';
import { AcceptWireUpdateUseCase } from './articles/usecases/accept-wire-update';
import { ArticleWriter } from './articles/usecases/article-writer';
import { CorrectArticleUseCase } from './articles/usecases/correct-article';
import { CreateArticleUseCase } from './articles/usecases/create-article';
import { EditArticleUseCase } from './articles/usecases/edit-article';
import { FireScheduledUseCase } from './articles/usecases/fire-scheduled';
import { KillArticleUseCase } from './articles/usecases/kill-article';
import { PublishArticleUseCase } from './articles/usecases/publish-article';
import { ReadArticlesUseCase } from './articles/usecases/read-articles';
import { ReceiveIngestedUseCase } from './articles/usecases/receive-ingested';
import { SubmitArticleUseCase } from './articles/usecases/submit-article';
import { UnpublishArticleUseCase } from './articles/usecases/unpublish-article';
import { Clock, SystemClock } from './clock';
import { EditorialConfig } from './config';

const useCases = [
  CreateArticleUseCase,
  EditArticleUseCase,
  SubmitArticleUseCase,
  PublishArticleUseCase,
  UnpublishArticleUseCase,
  KillArticleUseCase,
  CorrectArticleUseCase,
  AcceptWireUpdateUseCase,
  ReceiveIngestedUseCase,
  FireScheduledUseCase,
  ReadArticlesUseCase,
];

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
      controllers: [
        ArticlesController,
        ArticleActionsController,
        ArticleHistoryController,
        IngestedConsumer,
        DeadLettersController,
        RefusedOutboxController,
      ],
      providers: [
        ArticlesRepository,
        ArticleWriter,
        ...useCases,
        Scheduler,
        { provide: Clock, useClass: SystemClock },
        {
          provide: SCHEDULER_OPTIONS,
          useValue: {
            pollMs: config.SCHEDULER_POLL_MS,
            leaseMs: config.SCHEDULE_LEASE_MS,
            parallel: config.SCHEDULER_PARALLEL,
          },
        },
      ],
    };
  }
}
