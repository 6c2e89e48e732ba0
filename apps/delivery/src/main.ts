import 'reflect-metadata';
import { connectKafkaConsumer } from '@broadsheet/messaging';
import { runService } from '@broadsheet/observability';
import { deliveryConfigSchema } from './config';
import { DeliveryModule } from './delivery.module';

runService({
  name: 'delivery',
  description: 'The public read API: articles, search and categories for readers.',
  configSchema: deliveryConfigSchema,
  module: (config) => DeliveryModule.forRoot(config),
  bodyLimit: '16kb',
  consumer: connectKafkaConsumer,
});
