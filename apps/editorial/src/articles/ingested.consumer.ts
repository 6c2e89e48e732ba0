import { EventPattern, Payload } from '@nestjs/microservices';
import { KafkaConsumer } from '@broadsheet/messaging';
import { DomainEvent, EventTypes, isEventOf, Topics } from '@broadsheet/contracts';
import { ArticlesService } from './articles.service';

/** Stories accepted by ingest become drafts on the desk. */
@KafkaConsumer()
export class IngestedConsumer {
  constructor(private readonly articles: ArticlesService) {}

  @EventPattern(Topics.ArticlesIngested)
  async handle(@Payload() event: DomainEvent): Promise<void> {
    if (!isEventOf(event, [EventTypes.ArticleIngested])) return;
    await this.articles.receiveIngested(event.data);
  }
}
