import 'reflect-metadata';
import { connectKafkaConsumer } from '@broadsheet/messaging';
import { bootstrapService, loadConfig, runMain } from '@broadsheet/observability';
import { editorialConfigSchema } from './config';
import { EditorialModule } from './editorial.module';

runMain(async () => {
  const config = loadConfig(editorialConfigSchema);
  await bootstrapService({
    name: 'editorial',
    description: 'Editorial workflow: drafts, review, publishing to the content log.',
    module: EditorialModule.forRoot(config),
    config,
    consumer: connectKafkaConsumer,
  });
});
