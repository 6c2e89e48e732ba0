import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { BatchExtras, KafkaConsumer, KafkaEventContext } from '@broadsheet/messaging';
import { DomainEvent, Topics } from '@broadsheet/contracts';
import { KafkaSubmissions } from '../batch/kafka-submissions';

/**
 * Stories that internal services publish on Kafka take the batch path: a fetched batch is cleaned and
 * stored with a few bulk writes, and its offsets are committed once its stories and outbox entries are.
 */
@KafkaConsumer()
export class SubmissionsConsumer {
  constructor(private readonly submissions: KafkaSubmissions) {}

  @EventPattern(Topics.IngestSubmissions, { batch: true } satisfies BatchExtras)
  async handle(@Payload() events: DomainEvent[], @Ctx() context: KafkaEventContext): Promise<void> {
    await this.submissions.submitEvents(events, context.correlationIds);
  }
}
