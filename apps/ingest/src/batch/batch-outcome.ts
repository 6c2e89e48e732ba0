import { DomainEvent, ErrorDetail } from '@broadsheet/contracts';
import { randomUUID } from 'node:crypto';
import { rejectedEvent } from '../submissions/events';
import { Channel, SubmissionRecord, SubmissionStatus } from '../submissions/submission';

/** What became of one item of a batch, a feed or a Kafka fetch. */
export interface ItemResult {
  index: number;
  id: string;
  status: SubmissionStatus;
  articleKey?: string;
  reasons?: ErrorDetail[];
}

/** A submission record to store, with the events it announces (a Kafka rejection's ingest.rejected.v1). */
export interface RecordToStore {
  record: SubmissionRecord;
  events: DomainEvent[];
}

/**
 * The results and submission records of one batch as its items are decided, so all records are written
 * together at the end. From Kafka a rejection also carries its ingest.rejected.v1 event with the original.
 */
export class BatchOutcome {
  private readonly results: ItemResult[] = [];
  readonly records: RecordToStore[] = [];
  readonly receivedAt = new Date();

  constructor(
    private readonly source: string,
    readonly channel: Channel,
    private readonly raws: readonly unknown[],
    private readonly correlationIds: ReadonlyArray<string | undefined>,
  ) {}

  rejected(index: number, reasons: ErrorDetail[], articleKey?: string): void {
    const id = randomUUID();
    const result: ItemResult = { index, id, status: 'rejected', articleKey, reasons };
    if (this.channel !== 'kafka') return this.add(result, {}, []);
    const { event, externalId } = rejectedEvent(id, this.source, this.raws[index], reasons, this.correlationIds[index]);
    this.add(result, { externalId }, [event]);
  }

  stored(index: number, status: SubmissionStatus, articleKey: string, extra: Partial<SubmissionRecord>): void {
    this.add({ index, id: randomUUID(), status, articleKey }, extra, []);
  }

  /** The results in the order the items came. */
  inOrder(): ItemResult[] {
    return [...this.results].sort((a, b) => a.index - b.index);
  }

  private add(result: ItemResult, extra: Partial<SubmissionRecord>, events: DomainEvent[]): void {
    this.results.push(result);
    const { id, status, articleKey, reasons = [] } = result;
    const base = { id, source: this.source, channel: this.channel, status, articleKey, reasons };
    this.records.push({ record: { ...base, receivedAt: this.receivedAt, ...extra }, events });
  }
}
