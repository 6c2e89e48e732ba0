import { Injectable } from '@nestjs/common';
import { DomainEvent, EventTypes, isEventOf } from '@broadsheet/contracts';
import { SourceProfiles } from '../sources/source-profiles';
import { MAX_BATCH } from './batch.request';
import { BatchService } from './batch.service';

interface Received {
  raw: unknown;
  correlationId: string;
}

/**
 * A fetched batch of ingest.submissions.v1 messages, taken like an HTTP batch: grouped by source (its
 * profile read once), up to MAX_BATCH stories a round, each story judged alone; a refused one is recorded
 * and announced on ingest.rejected.v1 with its reasons and the original. It returns once every story and
 * record is stored with its outbox entries, so the consumer commits the offsets only then.
 */
@Injectable()
export class KafkaSubmissions {
  constructor(
    private readonly batch: BatchService,
    private readonly profiles: SourceProfiles,
  ) {}

  /** `headerIds[i]`: event i's `correlation-id` header, which its effects carry (else its envelope's id). */
  async submitEvents(events: readonly DomainEvent[], headerIds: ReadonlyArray<string | undefined> = []): Promise<void> {
    for (const [source, items] of bySource(events, headerIds)) {
      const profile = await this.profiles.profileOf(source);
      for (let i = 0; i < items.length; i += MAX_BATCH) {
        const round = items.slice(i, i + MAX_BATCH);
        await this.batch.submitAll(
          profile,
          round.map((r) => r.raw),
          'kafka',
          round.map((r) => r.correlationId),
        );
      }
    }
  }
}

/** The submissions of each source, in the order they came (one story's versions stay in order). */
function bySource(
  events: readonly DomainEvent[],
  headerIds: ReadonlyArray<string | undefined>,
): Map<string, Received[]> {
  const groups = new Map<string, Received[]>();
  for (const [i, event] of events.entries()) {
    if (!isEventOf(event, [EventTypes.SubmissionReceived])) continue;
    const item = { raw: event.data.submission, correlationId: headerIds[i] || event.correlationid };
    const group = groups.get(event.data.source);
    if (group) group.push(item);
    else groups.set(event.data.source, [item]);
  }
  return groups;
}
