import 'reflect-metadata';
import { connectKafkaConsumer } from '@broadsheet/messaging';
import { runService } from '@broadsheet/observability';
import { editorialConfigSchema } from './config';
import { EditorialModule } from './editorial.module';

runService({
  name: 'editorial',
  description: 'Editorial workflow: drafts, review, publishing to the content log.',
  configSchema: editorialConfigSchema,
  module: (config) => EditorialModule.forRoot(config),

  consumer: connectKafkaConsumer,
});
