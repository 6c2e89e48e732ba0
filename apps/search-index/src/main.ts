import 'reflect-metadata';
import { connectKafkaConsumer } from '@broadsheet/messaging';
import { bootstrapService, loadConfig, runMain } from '@broadsheet/observability';
import { searchIndexConfigSchema } from './config';
import { SearchIndexModule } from './search-index.module';

runMain(async () => {
  const config = loadConfig(searchIndexConfigSchema);
  await bootstrapService({
    name: 'search-index',
    description: 'Keeps the Meilisearch articles index current from the content log.',
    module: SearchIndexModule.forRoot(config),
    config,
    consumer: connectKafkaConsumer,
  });
});
