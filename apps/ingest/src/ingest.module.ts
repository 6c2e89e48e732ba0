import { DynamicModule, Module } from '@nestjs/common';
import { AuthModule } from '@broadsheet/auth';
import { DeadLettersController, MessagingModule, RefusedOutboxController } from '@broadsheet/messaging';
import { ObservabilityModule } from '@broadsheet/observability';
import { MongoModule } from '@broadsheet/persistence';
import { IngestConfig } from './config';
import { ApiKeyGuard } from './submissions/api-key.guard';
import { STORIES, SUBMISSIONS } from './submissions/submission.schema';
import { SubmissionsConsumer } from './submissions/submissions.consumer';
import { SubmissionsController } from './submissions/submissions.controller';
import { SubmissionsRepository } from './submissions/submissions.repository';
import { SubmissionsService } from './submissions/submissions.service';

@Module({})
export class IngestModule {
  static forRoot(config: IngestConfig): DynamicModule {
    return {
      module: IngestModule,
      imports: [
        ObservabilityModule.forRoot(config),
        MongoModule.forRoot({ url: config.MONGO_URL, dbName: config.MONGO_DB }),
        AuthModule.forRoot(config.JWT_SECRET),
        MessagingModule.forService('ingest', config, { outboxCollections: [STORIES, SUBMISSIONS] }),
      ],
      controllers: [SubmissionsController, SubmissionsConsumer, DeadLettersController, RefusedOutboxController],
      providers: [SubmissionsRepository, SubmissionsService, ApiKeyGuard],
    };
  }
}
