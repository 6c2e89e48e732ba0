import { EventPattern, Payload } from '@nestjs/microservices';
import { KafkaConsumer } from '@broadsheet/messaging';
import { ContentEventTypes, DomainEvent, isEventOf, Topics } from '@broadsheet/contracts';
import { ReadModelRepository } from './read-model.repository';

/** Keeps the reader-facing read model current from the content log. */
@KafkaConsumer()
export class ContentConsumer {
  constructor(private readonly readModel: ReadModelRepository) {}

  @EventPattern(Topics.ArticlesContent)
  async handle(@Payload() event: DomainEvent): Promise<void> {
    if (!isEventOf(event, ContentEventTypes)) return;
    await this.readModel.apply(event.data);
  }
}
