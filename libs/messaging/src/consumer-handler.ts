import { DomainEvent } from '@broadsheet/contracts';
import { withCorrelation } from '@broadsheet/observability';
import { BaseRpcContext, MessageHandler } from '@nestjs/microservices';
import { IHeaders, KafkaMessage } from 'kafkajs';
import { isObservable, lastValueFrom } from 'rxjs';

/** Passed as the second handler argument; tells where a message came from. */
export class KafkaEventContext extends BaseRpcContext<[string, number, string, Array<string | undefined>?]> {
  private readonly pending: Promise<void>[] = [];

  get topic(): string {
    return this.args[0];
  }
  get partition(): number {
    return this.args[1];
  }
  get offset(): string {
    return this.args[2];
  }
  /** Each event's `correlation-id` header, in the order of the events (one for a per-message handler). */
  get correlationIds(): Array<string | undefined> {
    return this.args[3] ?? [];
  }

  /**
   * For a batch handler whose effects become durable after it returns (a write it enqueued): the
   * consumer may fetch on, and commits these events only once `durable` resolves; if it rejects, the
   * events are delivered again and handled as today (retried, bisected, dead-lettered).
   */
  commitAfter(durable: Promise<void>): void {
    // Handled by whoever awaits durable(); marked here so an early rejection is never reported as unhandled.
    durable.catch(() => undefined);
    this.pending.push(durable);
  }

  /** What the handler deferred, if anything: settles once every part of it has. */
  durable(): Promise<void> | undefined {
    return this.pending.length === 0 ? undefined : Promise.all(this.pending).then(() => undefined);
  }
}

/** A batch whose handler returned before its effects were durable. */
export interface DeferredEffects {
  durable: Promise<void>;
}

/** `@EventPattern(topic, { batch: true })`: the handler takes every valid event of a fetched batch at once. */
export interface BatchExtras {
  batch?: boolean;
}

/** A message that passed validation, with the event it carries. */
export interface ParsedMessage {
  message: KafkaMessage;
  event: DomainEvent;
}

export const headerText = (headers: IHeaders | undefined, name: string): string | undefined => {
  const value = headers?.[name];
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined ? undefined : first.toString();
};

/** One topic's @EventPattern handler, called the same way by live consumption and by dead-letter replays. */
export class TopicHandler {
  constructor(
    readonly topic: string,
    private readonly handler: MessageHandler,
  ) {}

  get batched(): boolean {
    return (this.handler.extras as BatchExtras | undefined)?.batch === true;
  }

  /**
   * Calls the handler with these events (all at once for a batch handler, else exactly one). Effects it
   * deferred (KafkaEventContext.commitAfter) are awaited here, unless the caller `deferring` takes them.
   */
  async run(items: ParsedMessage[], partition: number, deferring = false): Promise<DeferredEffects | undefined> {
    const first = items[0];
    if (!first) return undefined;
    if (!this.batched && items.length > 1) throw new Error('a per-message handler takes one event at a time');
    const data = this.batched ? items.map((i) => i.event) : first.event;
    const correlationIds = items.map((i) => headerText(i.message.headers, 'correlation-id'));
    const context = new KafkaEventContext([this.topic, partition, first.message.offset, correlationIds]);
    await withCorrelation(headerText(first.message.headers, 'correlation-id'), async () => {
      const result: unknown = await this.handler(data, context);
      if (isObservable(result)) await lastValueFrom(result, { defaultValue: undefined });
    });
    const durable = context.durable();
    if (!durable) return undefined;
    if (deferring) return { durable };
    await durable;
    return undefined;
  }
}
