import 'reflect-metadata';
import { connectKafkaConsumer } from '@broadsheet/messaging';
import { runService } from '@broadsheet/observability';
import { searchIndexConfigSchema } from './config';
import { SearchIndexModule } from './search-index.module';

runService({
  name: 'search-index',
  description: 'Keeps the Meilisearch articles index current from the content log.',
  configSchema: searchIndexConfigSchema,
  module: (config) => SearchIndexModule.forRoot(config),

  consumer: connectKafkaConsumer,
});
