import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { DomainEvent, Topics } from '@broadsheet/contracts';
import { BatchExtras, KafkaConsumer, KafkaEventContext } from '@broadsheet/messaging';
import { ArticleIndexer } from './article-indexer';

/**
 * Consumes the content log in batches: one Meilisearch write per fetched batch, not per story. It
 * returns once Meilisearch accepted the write, so the next fetch overlaps the indexing; the offsets
 * are committed once the write is applied (commitAfter), and a failed write is read again.
 */
@KafkaConsumer()
export class ContentConsumer {
  constructor(private readonly indexer: ArticleIndexer) {}

  @EventPattern(Topics.ArticlesContent, { batch: true } satisfies BatchExtras)
  async handle(@Payload() events: DomainEvent[], @Ctx() context: KafkaEventContext): Promise<void> {
    const { durable } = await this.indexer.enqueue(events);
    context.commitAfter(durable.then(() => undefined));
  }
}
