import 'reflect-metadata';
import { connectKafkaConsumer } from '@broadsheet/messaging';
import { runService } from '@broadsheet/observability';
import { ingestConfigSchema } from './config';
import { IngestModule } from './ingest.module';

runService({
  name: 'ingest',
  description: 'Story intake: validate, sanitize, normalize and dedupe submissions from sources.',
  configSchema: ingestConfigSchema,
  module: (config) => IngestModule.forRoot(config),
  bodyLimit: '1mb',
  consumer: connectKafkaConsumer,
});
