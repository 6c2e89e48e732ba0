import 'reflect-metadata';
import { connectKafkaConsumer } from '@broadsheet/messaging';
import { bootstrapService, loadConfig, runMain } from '@broadsheet/observability';
import { ingestConfigSchema } from './config';
import { IngestModule } from './ingest.module';

runMain(async () => {
  const config = loadConfig(ingestConfigSchema);
  await bootstrapService({
    name: 'ingest',
    description: 'Story intake: validate, sanitize, normalize and dedupe submissions from sources.',
    module: IngestModule.forRoot(config),
    config,
    bodyLimit: '1mb',
    consumer: connectKafkaConsumer,
  });
});
