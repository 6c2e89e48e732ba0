import { EventPattern, Payload } from '@nestjs/microservices';
import { KafkaConsumer } from '@broadsheet/messaging';
import { ContentEventTypes, DomainEvent, isEventOf, Topics } from '@broadsheet/contracts';
import { HotCache } from '../cache/hot-cache';
import { ReadModelRepository } from './read-model.repository';

/** Keeps the reader-facing read model current from the content log, and the hot-read cache honest. */
@KafkaConsumer()
export class ContentConsumer {
  constructor(
    private readonly readModel: ReadModelRepository,
    private readonly cache: HotCache,
  ) {}

  @EventPattern(Topics.ArticlesContent)
  async handle(@Payload() event: DomainEvent): Promise<void> {
    if (!isEventOf(event, ContentEventTypes)) return;
    // Cleared whether or not the write changed anything: a redelivery costs a refill, never a stale read.
    try {
      await this.readModel.apply(event.data);
    } finally {
      this.cache.invalidate();
    }
  }
}
