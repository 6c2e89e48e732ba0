import { DynamicModule, Global, Module, Provider, Type } from '@nestjs/common';
import { HealthRegistry, Metrics, ShutdownSteps } from '@broadsheet/observability';
import { MONGO_CONNECTION } from '@broadsheet/persistence';
import { Kafka } from 'kafkajs';
import { Connection } from 'mongoose';
import { ConsumerFetchOptions, ConsumerOptions, KafkaEventServer } from './consumer';
import { DeadLetters } from './dead-letters.service';
import { createKafka, KafkaOptions } from './kafka';
import { OutboxStore } from './outbox-store';
import { EventProducer } from './producer';
import { RefusedOutbox } from './refused-outbox';
import { registerOutboxGauges, ServiceStatusReader } from './service-status';
import { StatusFigures } from './status-figures';
import { StatusController } from './status.controller';
import { OutboxRelay, RelayOptions } from './relay';

export interface MessagingOptions extends KafkaOptions {
  /** Present when the service writes events through an outbox. */
  outbox?: RelayOptions;
  /** Present when the service consumes topics (its handlers use @EventPattern). */
  consumer?: Omit<ConsumerOptions, 'topicPrefix'>;
}

/** The configuration fields every service's messaging reads. */
export interface ServiceMessagingConfig {
  KAFKA_BROKERS: string[];
  TOPIC_PREFIX: string;
  CONSUMER_MAX_ATTEMPTS: number;
  OUTBOX_POLL_MS?: number;
}

export interface ServiceMessagingOptions {
  /** Collections whose documents carry an outbox; none means the service publishes nothing. */
  outboxCollections?: string[];
  partitionsConcurrently?: number;
  fetch?: ConsumerFetchOptions;
  /** Most documents the outbox relay claims per collection and round (default 100). */
  outboxClaimLimit?: number;
}

@Global()
@Module({})
export class MessagingModule {
  /** The platform's conventions: client id and consumer group named after the service, groups prefixed like topics. */
  static forService(
    service: string,
    config: ServiceMessagingConfig,
    options: ServiceMessagingOptions = {},
  ): DynamicModule {
    const { outboxCollections, partitionsConcurrently = 3, fetch, outboxClaimLimit } = options;
    const module = MessagingModule.forRoot({
      clientId: service,
      brokers: config.KAFKA_BROKERS,
      topicPrefix: config.TOPIC_PREFIX,
      outbox: outboxCollections && {
        collections: outboxCollections,
        pollMs: config.OUTBOX_POLL_MS ?? 500,
        leaseMs: 30_000,
        claimLimit: outboxClaimLimit,
        enabled: true,
      },
      consumer: {
        groupId: `${config.TOPIC_PREFIX}${service}`,
        maxAttempts: config.CONSUMER_MAX_ATTEMPTS,
        backoffMs: 200,
        partitionsConcurrently,
        fromBeginning: true,
        fetch,
      },
    });
    return { ...module, controllers: [StatusController] };
  }

  static forRoot(options: MessagingOptions): DynamicModule {
    const providers: Provider[] = [
      { provide: Kafka, useFactory: () => createKafka(options) },
      {
        provide: EventProducer,
        inject: [Kafka, HealthRegistry, Metrics],
        useFactory: (kafka: Kafka, health: HealthRegistry, metrics: Metrics) =>
          new EventProducer(kafka, options, health, metrics),
      },
    ];
    const { outbox, consumer } = options;
    if (outbox) {
      providers.push(
        {
          provide: OutboxRelay,
          inject: [MONGO_CONNECTION, EventProducer, Metrics, ShutdownSteps],
          useFactory: (connection: Connection, producer: EventProducer, metrics: Metrics, steps: ShutdownSteps) => {
            const relay = new OutboxRelay(connection, producer, outbox, metrics);
            registerOutboxGauges(metrics, connection, outbox.collections);
            steps.onFlush('outbox relay', async (deadline) => void (await relay.flush(deadline)));
            return relay;
          },
        },
        OutboxStore,
        {
          provide: RefusedOutbox,
          inject: [MONGO_CONNECTION],
          useFactory: (connection: Connection) => new RefusedOutbox(connection, outbox.collections),
        },
      );
    }
    if (consumer) {
      providers.push(
        {
          provide: KafkaEventServer,
          inject: [Kafka, EventProducer, Metrics, HealthRegistry, ShutdownSteps],
          useFactory: (
            kafka: Kafka,
            producer: EventProducer,
            metrics: Metrics,
            health: HealthRegistry,
            steps: ShutdownSteps,
          ) => {
            const server = new KafkaEventServer(kafka, producer, metrics, health, {
              ...consumer,
              topicPrefix: options.topicPrefix,
            });
            // Stopping waits for the message in hand, commits what was handled and leaves the group.
            steps.onIntake('kafka consumer', () => server.close());
            return server;
          },
        },
        {
          provide: DeadLetters,
          inject: [Kafka, EventProducer, KafkaEventServer],
          useFactory: (kafka: Kafka, producer: EventProducer, server: KafkaEventServer) =>
            new DeadLetters(kafka, producer, server),
        },
      );
    }
    providers.push(StatusFigures, {
      provide: ServiceStatusReader,
      inject: [Kafka, StatusFigures, optional(MONGO_CONNECTION), optional(KafkaEventServer)],
      useFactory: (kafka: Kafka, figures: StatusFigures, connection?: Connection, server?: KafkaEventServer) =>
        new ServiceStatusReader({
          service: options.clientId,
          topicPrefix: options.topicPrefix,
          kafka,
          figures,
          server,
          outbox: outbox && connection && { connection, collections: outbox.collections },
        }),
    });
    return {
      module: MessagingModule,
      providers,
      exports: providers.map((p) => (typeof p === 'function' ? p : p.provide)),
    };
  }
}

const optional = (token: string | symbol | Type) => ({ token, optional: true });
