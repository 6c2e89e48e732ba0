import 'reflect-metadata';
import { connectKafkaConsumer } from '@broadsheet/messaging';
import { bootstrapService, loadConfig, runMain } from '@broadsheet/observability';
import { deliveryConfigSchema } from './config';
import { DeliveryModule } from './delivery.module';

runMain(async () => {
  const config = loadConfig(deliveryConfigSchema);
  await bootstrapService({
    name: 'delivery',
    description: 'The public read API: articles, search and categories for readers.',
    module: DeliveryModule.forRoot(config),
    config,
    bodyLimit: '16kb',
    consumer: connectKafkaConsumer,
  });
});
