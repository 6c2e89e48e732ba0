import { INestApplication } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { Test } from '@nestjs/testing';
import { AuthModule, signToken } from '@broadsheet/auth';
import {
  ContentEventTypes,
  DomainError,
  DomainEvent,
  ErrorCodes,
  EventCatalog,
  EventTypes,
  deadLetterTopic,
  isEventOf,
  makeEnvelope,
  Topics,
} from '@broadsheet/contracts';
import {
  BatchExtras,
  connectKafkaConsumer,
  DeadLetter,
  DeadLetters,
  DeadLettersController,
  EventProducer,
  KafkaConsumer,
  KafkaEventContext,
  MessagingModule,
  ReplayResult,
  ServiceStatusReader,
  toOutboxEntry,
} from '@broadsheet/messaging';
import { ObservabilityModule } from '@broadsheet/observability';
import {
  aContent,
  anIngestedEvent,
  createTopics,
  testContext,
  TestContext,
  TopicReader,
  waitFor,
} from '@broadsheet/testing';
import { randomBytes, randomUUID } from 'node:crypto';

const published = (id: string): DomainEvent =>
  makeEnvelope({
    type: EventTypes.ArticlePublished,
    source: '/editorial',
    subject: id,
    dataschema: EventCatalog[EventTypes.ArticlePublished].dataschema,
    correlationId: randomUUID(),
    data: aContent(1, { id }),
  }) as DomainEvent;

/** Per-message handler that fails on command: a handler bug, or a store that is down. */
@KafkaConsumer()
class IngestedProbe {
  /** Every payload the handler was called with, whatever it is. */
  readonly calls: unknown[] = [];
  readonly attempts = new Map<string, number>();
  readonly handled: string[] = [];
  readonly partitions = new Map<string, number>();
  storeDown = false;

  @EventPattern(Topics.ArticlesIngested)
  handle(@Payload() event: DomainEvent, @Ctx() ctx: KafkaEventContext): void {
    this.calls.push(event);
    if (event.type !== EventTypes.ArticleIngested) return;
    const { headline } = event.data;
    const n = (this.attempts.get(headline) ?? 0) + 1;
    this.attempts.set(headline, n);
    this.partitions.set(headline, ctx.partition);
    if (headline.startsWith('always fails')) throw new Error(`boom on ${headline}`);
    if (headline.startsWith('fails twice') && n <= 2) throw new Error('transient');
    if (headline.startsWith('needs the store') && this.storeDown) {
      throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:27017'), { code: 'ECONNREFUSED' });
    }
    this.handled.push(headline);
  }
}

/**
 * Batch handler, like search-index's: one rejected article fails the whole call. Articles whose ids
 * are `deferred` are applied after the handler returned (commitAfter), once `hold` resolves, like a
 * write Meilisearch accepted and applies later; those in `failLater` fail then (once, or always).
 */
@KafkaConsumer()
class ContentProbe {
  readonly applied = new Map<string, number>();
  readonly rejected = new Set<string>();
  readonly deferred = new Set<string>();
  readonly failLater = new Map<string, 'once' | 'always'>();
  readonly laterAttempts = new Map<string, number>();
  readonly handedOver = new Set<string>();
  hold: Promise<void> = Promise.resolve();

  @EventPattern(Topics.ArticlesContent, { batch: true } satisfies BatchExtras)
  handle(@Payload() events: DomainEvent[], @Ctx() ctx: KafkaEventContext): void {
    const contents = events.filter((e) => isEventOf(e, ContentEventTypes)).map((e) => e.data);
    const bad = contents.find((c) => this.rejected.has(c.article.id));
    if (bad) throw new DomainError(ErrorCodes.ValidationFailed, `document ${bad.article.id} rejected`);
    const later = contents.filter((c) => this.deferred.has(c.article.id)).map((c) => c.article.id);
    this.apply(contents.filter((c) => !this.deferred.has(c.article.id)).map((c) => c.article.id));
    if (later.length > 0) ctx.commitAfter(this.applyLater(later));
    for (const id of later) this.handedOver.add(id);
  }

  private async applyLater(ids: string[]): Promise<void> {
    await this.hold;
    for (const id of ids) this.laterAttempts.set(id, (this.laterAttempts.get(id) ?? 0) + 1);
    const failing = ids.find((id) => this.failLater.has(id));
    if (failing !== undefined) {
      if (this.failLater.get(failing) === 'once') this.failLater.delete(failing);
      throw new DomainError(ErrorCodes.ValidationFailed, `document ${failing} rejected when applied`);
    }
    this.apply(ids);
  }

  private apply(ids: string[]): void {
    for (const id of ids) this.applied.set(id, (this.applied.get(id) ?? 0) + 1);
  }
}

describe('consumer against the real Kafka', () => {
  const secret = randomBytes(24).toString('hex');
  const admin = signToken(secret, { sub: 'ops', roles: ['admin'] });
  let ctx: TestContext;
  let app: INestApplication;
  let url: string;
  let ingestedProbe: IngestedProbe;
  let contentProbe: ContentProbe;
  let producer: EventProducer;
  let deadLetters: DeadLetters;
  let dlq: TopicReader;

  /** Starts the service under test: a fresh consumer in the spec's group, with fresh probes. */
  const start = async (): Promise<void> => {
    const moduleRef = await Test.createTestingModule({
      imports: [
        ObservabilityModule.forRoot({}),
        AuthModule.forRoot(secret),
        MessagingModule.forRoot({
          clientId: 'consumer-spec',
          brokers: ctx.kafkaBrokers.split(','),
          topicPrefix: ctx.prefix,
          consumer: {
            groupId: `${ctx.prefix}probe`,
            maxAttempts: 3,
            backoffMs: 50,
            maxBackoffMs: 400,
            partitionsConcurrently: 3,
            fromBeginning: true,
          },
        }),
      ],
      controllers: [IngestedProbe, ContentProbe, DeadLettersController],
    }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    connectKafkaConsumer(app);
    await app.init();
    await app.startAllMicroservices();
    await app.listen(0, '127.0.0.1');
    url = await app.getUrl();
    ingestedProbe = app.get(IngestedProbe);
    contentProbe = app.get(ContentProbe);
    producer = app.get(EventProducer);
    deadLetters = app.get(DeadLetters);
  };

  beforeAll(async () => {
    ctx = testContext('consumer');
    await createTopics(ctx);
    await start();
    dlq = await TopicReader.open(ctx.kafkaBrokers, `${ctx.prefix}${deadLetterTopic(Topics.ArticlesIngested)}`);
  });

  afterAll(async () => {
    await dlq?.close();
    await app?.close();
  });

  const publish = (events: DomainEvent[]) => producer.publish(events.map(toOutboxEntry));
  const handled = (headline: string) => () => (ingestedProbe.handled.includes(headline) ? true : undefined);
  const get = (path: string, token = admin) =>
    fetch(`${url}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  const post = (path: string, body: unknown, token = admin) =>
    fetch(`${url}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('retries a failing handler with backoff and commits once it succeeds', async () => {
    await publish([anIngestedEvent('fails twice then works')]);
    await waitFor(handled('fails twice then works'), 'the retried message');
    expect(ingestedProbe.attempts.get('fails twice then works')).toBe(3);
  });

  it('dead-letters what a handler bug keeps failing, with the error and the original key, and moves on', async () => {
    const bad = anIngestedEvent('always fails: poison');
    await publish([bad, anIngestedEvent('after the poison')]);
    const [letter] = await dlq.waitFor(1, (m) => m.key === bad.subject);
    expect(letter!.headers['dlq-error']).toBe('boom on always fails: poison');
    expect(letter!.headers['dlq-error-code']).toBe('HANDLER_FAILED');
    expect(letter!.headers['dlq-attempts']).toBe('3');
    expect(letter!.headers['dlq-original-topic']).toBe(Topics.ArticlesIngested);
    expect(JSON.parse(letter!.value)).toMatchObject({ id: bad.id });
    await waitFor(handled('after the poison'), 'the next message');
  });

  it('dead-letters a message that is not a valid event without calling the handler', async () => {
    const key = `junk-${randomUUID()}`;
    const junk = JSON.stringify({ not: 'an event', subject: key });
    // Same key, same partition: once the valid event after it is handled, the junk has been dealt with.
    await producer.sendRaw(Topics.ArticlesIngested, [{ key, value: junk, headers: {} }]);
    await publish([anIngestedEvent('after the junk', key)]);
    const [letter] = await dlq.waitFor(1, (m) => m.key === key);
    await waitFor(handled('after the junk'), 'the event after the junk');
    expect(letter!.headers['dlq-error-code']).toBe('VALIDATION_FAILED');
    expect(letter!.headers['dlq-attempts']).toBe('1');
    expect(letter!.value).toBe(junk);
    expect(ingestedProbe.calls.filter((c) => JSON.stringify(c).includes(key))).toHaveLength(1);
  });

  it('waits out a store that is down, reporting not ready, and never dead-letters the message', async () => {
    ingestedProbe.storeDown = true;
    const event = anIngestedEvent('needs the store');
    await publish([event]);
    // More attempts than the bounded retries a handler bug gets: it would have been dead-lettered by now.
    await waitFor(
      () => ((ingestedProbe.attempts.get('needs the store') ?? 0) > 5 ? true : undefined),
      'retries past CONSUMER_MAX_ATTEMPTS',
    );
    const partition = ingestedProbe.partitions.get('needs the store');
    const ready = await get('/health/ready', '');
    expect(ready.status).toBe(503);
    const { checks } = (await ready.json()) as { checks: Record<string, string> };
    expect(checks['kafka-consumer']).toContain(`${Topics.ArticlesIngested}[${partition}]`);
    expect(checks['kafka-consumer']).toContain('ECONNREFUSED');
    expect(await (await get('/metrics', '')).text()).toMatch(
      new RegExp(
        `kafka_consumer_stalled_partitions\\{[^}]*topic="${Topics.ArticlesIngested}",partition="${partition}"\\} 1`,
      ),
    );

    ingestedProbe.storeDown = false;
    await waitFor(handled('needs the store'), 'the message once the store is back');
    await waitFor(async () => ((await get('/health/ready', '')).status === 200 ? true : undefined), 'ready again');
    const { items } = await deadLetters.list({ topic: Topics.ArticlesIngested });
    expect(items.filter((l) => l.key === event.subject)).toEqual([]);
  });

  describe('batches', () => {
    const ids: string[] = Array.from({ length: 100 }, () => randomUUID());
    const poison = ids[37]!;
    let letter: DeadLetter;

    it('dead-letters only the event a batch handler rejects and applies the 99 others', async () => {
      contentProbe.rejected.add(poison);
      await publish(ids.map(published));
      await waitFor(
        () => (ids.filter((id) => contentProbe.applied.has(id)).length === 99 ? true : undefined),
        '99 applied',
      );
      const letters = await waitFor(async () => {
        const { items } = await deadLetters.list({ topic: Topics.ArticlesContent });
        const ours = items.filter((l) => l.key !== null && ids.includes(l.key));
        return ours.length > 0 ? ours : undefined;
      }, 'the dead letter');
      expect(letters).toHaveLength(1);
      letter = letters[0]!;
      expect(letter).toMatchObject({
        key: poison,
        topic: Topics.ArticlesContent,
        dlqTopic: deadLetterTopic(Topics.ArticlesContent),
        errorCode: 'VALIDATION_FAILED',
        attempts: 1,
        replayedAt: null,
      });
      expect(contentProbe.applied.has(poison)).toBe(false);
    });

    it('lists dead letters to admins only', async () => {
      expect((await get('/v1/admin/dlq', '')).status).toBe(401);
      const editor = signToken(secret, { sub: 'ed', roles: ['editor'] });
      const forbidden = await get('/v1/admin/dlq', editor);
      expect(forbidden.status).toBe(403);
      expect(await forbidden.json()).toMatchObject({ error: { code: 'FORBIDDEN' } });
      const res = await get(`/v1/admin/dlq?topic=${Topics.ArticlesContent}`);
      expect(res.status).toBe(200);
      const { items } = (await res.json()) as { items: DeadLetter[] };
      expect(items.find((l) => l.key === poison)).toMatchObject({ dlqOffset: letter.dlqOffset });
    });

    it('refuses a replay request that names nothing, in the platform error shape', async () => {
      const res = await post('/v1/admin/dlq/replay', { topic: Topics.ArticlesContent });
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({
        error: { code: 'VALIDATION_FAILED', details: [{ path: 'offsets' }], correlationId: expect.any(String) },
      });
    });

    it('replays a dead letter through the handler once its cause is fixed, and only once', async () => {
      const replay = async (): Promise<ReplayResult[]> => {
        const res = await post('/v1/admin/dlq/replay', {
          topic: Topics.ArticlesContent,
          offsets: [{ partition: letter.dlqPartition, offset: letter.dlqOffset }],
        });
        expect(res.status).toBe(200);
        return ((await res.json()) as { results: ReplayResult[] }).results;
      };
      // Still rejected: the replay reports it and the letter stays replayable.
      expect(await replay()).toMatchObject([{ outcome: 'failed', errorCode: 'VALIDATION_FAILED' }]);
      expect(contentProbe.applied.has(poison)).toBe(false);

      contentProbe.rejected.delete(poison);
      expect(await replay()).toMatchObject([{ outcome: 'replayed', dlqOffset: letter.dlqOffset }]);
      expect(contentProbe.applied.get(poison)).toBe(1);

      expect(await replay()).toMatchObject([{ outcome: 'skipped' }]);
      expect(contentProbe.applied.get(poison)).toBe(1);
      const { items } = await deadLetters.list({ topic: Topics.ArticlesContent });
      expect(items.find((l) => l.key === poison)?.replayedAt).toEqual(expect.any(String));
    });
  });

  describe('effects deferred past the handler (commitAfter)', () => {
    const lag = async (): Promise<number> => {
      const { consumer } = await app.get(ServiceStatusReader).read();
      return (consumer?.partitions ?? [])
        .filter((p) => p.topic === Topics.ArticlesContent)
        .reduce((sum, p) => sum + p.lag, 0);
    };
    const allApplied = (ids: string[]) => () => (ids.every((id) => contentProbe.applied.has(id)) ? true : undefined);

    it('commits a batch only once its deferred effects are durable, and reads it again when they fail', async () => {
      const ids: string[] = Array.from({ length: 30 }, () => randomUUID());
      for (const id of ids) contentProbe.deferred.add(id);
      contentProbe.failLater.set(ids[11]!, 'once');
      let release = (): void => undefined;
      contentProbe.hold = new Promise((resolve) => (release = resolve));
      await publish(ids.map(published));
      // Junk after the failing event, on its partition: dead-lettered once, even though the partition is read again.
      const junk = JSON.stringify({ not: 'an event' });
      await producer.sendRaw(Topics.ArticlesContent, [{ key: ids[11]!, value: junk, headers: {} }]);
      await waitFor(
        () => (ids.every((id) => contentProbe.handedOver.has(id)) ? true : undefined),
        'every handler returned',
      );
      // Handed over, not durable: nothing of it is committed.
      expect(await lag()).toBeGreaterThanOrEqual(ids.length);
      release();
      await waitFor(allApplied(ids), 'all 30 applied');
      expect(contentProbe.laterAttempts.get(ids[11]!)).toBeGreaterThanOrEqual(2);
      await waitFor(async () => ((await lag()) === 0 ? true : undefined), 'everything committed');
      const { items } = await deadLetters.list({ topic: Topics.ArticlesContent });
      const ours = items.filter((l) => l.key !== null && ids.includes(l.key));
      expect(ours).toMatchObject([{ key: ids[11], errorCode: 'VALIDATION_FAILED' }]);
      expect(ours).toHaveLength(1);
    });

    it('dead-letters an event whose deferred effect keeps failing, and commits the rest', async () => {
      const ids: string[] = Array.from({ length: 20 }, () => randomUUID());
      const poison = ids[7]!;
      for (const id of ids) contentProbe.deferred.add(id);
      contentProbe.failLater.set(poison, 'always');
      await publish(ids.map(published));
      await waitFor(allApplied(ids.filter((id) => id !== poison)), 'the 19 others applied');
      const letters = await waitFor(async () => {
        const { items } = await deadLetters.list({ topic: Topics.ArticlesContent });
        const ours = items.filter((l) => l.key === poison);
        return ours.length > 0 ? ours : undefined;
      }, 'the dead letter');
      expect(letters).toHaveLength(1);
      expect(letters[0]).toMatchObject({ errorCode: 'VALIDATION_FAILED' });
      expect(contentProbe.applied.has(poison)).toBe(false);
      await waitFor(async () => ((await lag()) === 0 ? true : undefined), 'everything committed');
    });
  });

  it('leaves the message it waits on uncommitted when it stops, so the next consumer handles it', async () => {
    ingestedProbe.storeDown = true;
    const event = anIngestedEvent('needs the store across a restart');
    await publish([event]);
    await waitFor(
      () => ((ingestedProbe.attempts.get('needs the store across a restart') ?? 0) > 3 ? true : undefined),
      'a stall',
    );
    await app.close();
    await start();
    await waitFor(handled('needs the store across a restart'), 'the redelivered message', 60_000);
    const { items } = await deadLetters.list({ topic: Topics.ArticlesIngested });
    expect(items.filter((l) => l.key === event.subject)).toEqual([]);
  });
});
