import { EventCatalog, EventTypes, makeEnvelope, PublicArticle, Topics } from '@broadsheet/contracts';
import {
  aPublicArticle,
  createTopics,
  freePorts,
  platformSecrets,
  PlatformSecrets,
  serviceEnv,
  ServiceProcess,
  startServices,
  TestContext,
  testContext,
  waitFor,
} from '@broadsheet/testing';
import { Kafka, logLevel, Producer } from 'kafkajs';
import { randomUUID } from 'node:crypto';

type ContentType =
  | typeof EventTypes.ArticlePublished
  | typeof EventTypes.ArticleUpdated
  | typeof EventTypes.ArticleUnpublished
  | typeof EventTypes.ArticleKilled;

/**
 * Delivery as readers meet it, fed straight from the content log: the tests play editorial by producing
 * content events, so what they check is delivery's own behaviour on real Kafka, store and Meilisearch.
 */
export class DeliveryStack {
  private readonly versions = new Map<string, number>();

  private constructor(
    readonly ctx: TestContext,
    readonly secrets: PlatformSecrets,
    readonly delivery: ServiceProcess,
    readonly others: ServiceProcess[],
    private readonly producer: Producer,
  ) {}

  /** Starts delivery (on a known port, so SITE_URL is its own address), and search-index when asked. */
  static async start(label: string, env: Record<string, string> = {}, withSearch = false): Promise<DeliveryStack> {
    const ctx = testContext(label);
    await createTopics(ctx);
    const secrets = await platformSecrets(ctx);
    const [port] = await freePorts(1);
    const [delivery, others] = await Promise.all([
      ServiceProcess.start('delivery', {
        ...serviceEnv('delivery', ctx, secrets),
        PORT: String(port),
        SITE_URL: `http://127.0.0.1:${port}`,
        VIEWS_FLUSH_MS: '200',
        ...env,
      }),
      withSearch ? startServices(['search-index'], ctx, secrets).then((s) => Object.values(s)) : Promise.resolve([]),
    ]);
    const producer = new Kafka({ brokers: ctx.kafkaBrokers.split(','), logLevel: logLevel.NOTHING }).producer();
    await producer.connect();
    return new DeliveryStack(ctx, secrets, delivery, others, producer);
  }

  get url(): string {
    return this.delivery.url;
  }

  fetch(path: string, init?: RequestInit): Promise<Response> {
    return fetch(`${this.url}${path}`, { redirect: 'manual', ...init });
  }

  /** Sends one content event for an article at its next version; returns the article as sent. */
  async send(type: ContentType, article: PublicArticle): Promise<PublicArticle> {
    const version = (this.versions.get(article.id) ?? 0) + 1;
    this.versions.set(article.id, version);
    const event = makeEnvelope({
      type,
      source: '/editorial',
      subject: article.id,
      dataschema: EventCatalog[type].dataschema,
      correlationId: randomUUID(),
      data: { version, article },
    });
    await this.producer.send({
      topic: `${this.ctx.prefix}${Topics.ArticlesContent}`,
      messages: [{ key: article.id, value: JSON.stringify(event) }],
    });
    return article;
  }

  publish(overrides: Partial<PublicArticle> = {}): Promise<PublicArticle> {
    return this.send(
      EventTypes.ArticlePublished,
      aPublicArticle({ publishedAt: new Date().toISOString(), ...overrides }),
    );
  }

  /** Publishes and waits until delivery serves the article. */
  async published(overrides: Partial<PublicArticle> = {}): Promise<PublicArticle> {
    const a = await this.publish(overrides);
    await this.until(`/v1/articles/${a.slug}`, (r) => r.status === 200);
    return a;
  }

  /** Polls a path until `ok` holds for its answer. */
  until(path: string, ok: (r: Response) => boolean | Promise<boolean>, timeoutMs = 30_000): Promise<Response> {
    return waitFor(
      async () => {
        const r = await this.fetch(path);
        return (await ok(r)) ? r : undefined;
      },
      path,
      timeoutMs,
    );
  }

  async stop(): Promise<void> {
    if (process.env.DELIVERY_DEBUG) process.stdout.write(this.delivery.output.join(''));
    await this.producer.disconnect();
    await Promise.all([this.delivery, ...this.others].map((s) => s.stop()));
  }
}
