import { EventPattern, Payload } from '@nestjs/microservices';
import { DomainEvent, Topics } from '@broadsheet/contracts';
import { BatchExtras, KafkaConsumer } from '@broadsheet/messaging';
import { ArticleIndexer } from './article-indexer';

/** Consumes the content log in batches: one Meilisearch write per fetched batch, not per story. */
@KafkaConsumer()
export class ContentConsumer {
  constructor(private readonly indexer: ArticleIndexer) {}

  @EventPattern(Topics.ArticlesContent, { batch: true } satisfies BatchExtras)
  async handle(@Payload() events: DomainEvent[]): Promise<void> {
    await this.indexer.apply(events);
  }
}
