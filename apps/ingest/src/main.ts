import 'reflect-metadata';
import { connectKafkaConsumer } from '@broadsheet/messaging';
import { runService } from '@broadsheet/observability';
import { ingestConfigSchema } from './config';
import { BATCH_BODY_LIMIT, BATCH_PATH } from './batch/batch.request';
import { IngestModule } from './ingest.module';

runService({
  name: 'ingest',
  description: 'Story intake: validate, sanitize, normalize and dedupe submissions from sources.',
  configSchema: ingestConfigSchema,
  module: (config) => IngestModule.forRoot(config),
  bodyLimit: '1mb',
  routeBodyLimits: { [BATCH_PATH]: BATCH_BODY_LIMIT },
  consumer: connectKafkaConsumer,
});
