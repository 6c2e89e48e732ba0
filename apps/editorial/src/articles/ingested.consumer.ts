import { EventPattern, Payload } from '@nestjs/microservices';
import { KafkaConsumer } from '@broadsheet/messaging';
import { DomainEvent, EventTypes, isEventOf, Topics } from '@broadsheet/contracts';
import { ReceiveIngestedUseCase } from './usecases/receive-ingested';

/** Stories accepted by ingest become drafts on the desk (or updates of them). */
@KafkaConsumer()
export class IngestedConsumer {
  constructor(private readonly receive: ReceiveIngestedUseCase) {}

  @EventPattern(Topics.ArticlesIngested)
  async handle(@Payload() event: DomainEvent): Promise<void> {
    if (!isEventOf(event, [EventTypes.ArticleIngested])) return;
    await this.receive.execute(event.data);
  }
}
