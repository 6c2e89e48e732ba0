import { EventPattern, Payload } from '@nestjs/microservices';
import { KafkaConsumer } from '@broadsheet/messaging';
import { DomainEvent, EventTypes, isEventOf, Topics } from '@broadsheet/contracts';
import { SubmissionsService } from './submissions.service';

/** Stories that internal services publish on Kafka take the same path as HTTP submissions. */
@KafkaConsumer()
export class SubmissionsConsumer {
  constructor(private readonly submissions: SubmissionsService) {}

  @EventPattern(Topics.IngestSubmissions)
  async handle(@Payload() event: DomainEvent): Promise<void> {
    if (!isEventOf(event, [EventTypes.SubmissionReceived])) return;
    await this.submissions.submit(event.data.source, event.data.submission, 'kafka');
  }
}
