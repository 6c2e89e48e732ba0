import { DynamicModule, MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { AuthModule } from '@broadsheet/auth';
import { DeadLettersController, MessagingModule, RefusedOutboxController } from '@broadsheet/messaging';
import { ObservabilityModule } from '@broadsheet/observability';
import { MongoModule } from '@broadsheet/persistence';
import { BatchMethodsMiddleware } from './batch/batch-methods.middleware';
import { BatchController } from './batch/batch.controller';
import { MAX_BATCH } from './batch/batch.request';
import { BatchService } from './batch/batch.service';
import { INTAKE_THREADS, IntakePool } from './batch/intake-pool';
import { KafkaSubmissions } from './batch/kafka-submissions';
import { IngestConfig } from './config';
import { FingerprintIndex, RECENT_CAPACITY } from './near-duplicates/fingerprint-index';
import { FingerprintsRepository } from './near-duplicates/fingerprints.repository';
import { FeedFetcher } from './sources/feed-fetcher';
import { FeedPoller } from './sources/feed-poller';
import { SourceProfiles } from './sources/source-profiles';
import { SourcesController } from './sources/sources.controller';
import { SourcesRepository } from './sources/sources.repository';
import { SourcesService } from './sources/sources.service';
import { ApiKeyGuard } from './submissions/api-key.guard';
import { STORIES, SUBMISSIONS } from './submissions/submission.schema';
import { SubmissionsConsumer } from './submissions/submissions.consumer';
import { SubmissionsController } from './submissions/submissions.controller';
import { SubmissionsRepository } from './submissions/submissions.repository';
import { SubmissionsService } from './submissions/submissions.service';

@Module({})
export class IngestModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(BatchMethodsMiddleware).forRoutes({ path: 'v1/submissions/batch', method: RequestMethod.ALL });
  }

  static forRoot(config: IngestConfig): DynamicModule {
    return {
      module: IngestModule,
      imports: [
        ObservabilityModule.forRoot(config),
        MongoModule.forRoot({ url: config.MONGO_URL, dbName: config.MONGO_DB }),
        AuthModule.forRoot(config.JWT_SECRET),
        // Archive imports and Kafka batches write stories by the hundred: the relay takes them 500 a round.
        MessagingModule.forService('ingest', config, {
          outboxCollections: [STORIES, SUBMISSIONS],
          outboxClaimLimit: MAX_BATCH,
        }),
      ],
      // The batch route comes before `v1/submissions/:id` so its path is never read as an id.
      controllers: [
        BatchController,
        SubmissionsController,
        SourcesController,
        SubmissionsConsumer,
        DeadLettersController,
        RefusedOutboxController,
      ],
      providers: [
        SubmissionsRepository,
        SubmissionsService,
        BatchService,
        KafkaSubmissions,
        ApiKeyGuard,
        SourcesRepository,
        SourcesService,
        SourceProfiles,
        FeedFetcher,
        FeedPoller,
        FingerprintsRepository,
        FingerprintIndex,
        { provide: RECENT_CAPACITY, useValue: config.NEAR_DUPLICATE_CAPACITY },
        IntakePool,
        { provide: INTAKE_THREADS, useValue: config.INTAKE_THREADS },
      ],
    };
  }
}
