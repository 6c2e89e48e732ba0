import { signToken } from '@broadsheet/auth';
import { ContentEventType, EventCatalog, EventTypes, makeEnvelope, PublicArticle, Topics } from '@broadsheet/contracts';
import { articleIndexName, createMeili, SearchDocument } from '@broadsheet/search';
import { aContent, PlatformSecrets, TestContext } from '@broadsheet/testing';
import { Kafka, logLevel, Producer } from 'kafkajs';

/** Content-log events written straight to Kafka, as editorial's relay would: fast enough for 10,000 stories. */
export class ContentLogWriter {
  private constructor(
    private readonly producer: Producer,
    private readonly topic: string,
  ) {}

  static async open(ctx: TestContext): Promise<ContentLogWriter> {
    const kafka = new Kafka({
      clientId: 'search-spec',
      brokers: ctx.kafkaBrokers.split(','),
      logLevel: logLevel.NOTHING,
    });
    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    return new ContentLogWriter(producer, `${ctx.prefix}${Topics.ArticlesContent}`);
  }

  /** Sends article states, each as the event its status calls for, keyed by article id; 500 per request. */
  async send(states: Array<{ version: number; article: Partial<PublicArticle> & { id: string } }>): Promise<void> {
    for (let i = 0; i < states.length; i += 500) {
      const messages = states.slice(i, i + 500).map(({ version, article }) => {
        const data = aContent(version, article);
        const type = eventTypeOf(data.article.status, version);
        const event = makeEnvelope({
          type,
          source: '/editorial',
          subject: data.article.id,
          dataschema: EventCatalog[type].dataschema,
          correlationId: data.article.id,
          data,
        });
        return { key: data.article.id, value: JSON.stringify(event) };
      });
      await this.producer.send({ topic: this.topic, messages });
    }
  }

  async close(): Promise<void> {
    await this.producer.disconnect();
  }
}

function eventTypeOf(status: PublicArticle['status'], version: number): ContentEventType {
  if (status === 'killed') return EventTypes.ArticleKilled;
  if (status === 'unpublished') return EventTypes.ArticleUnpublished;
  return version === 1 ? EventTypes.ArticlePublished : EventTypes.ArticleUpdated;
}

/** Every document of the live index, by id (read with the master key, as an operator would). */
export async function liveDocuments(ctx: TestContext): Promise<Map<string, SearchDocument>> {
  const index = createMeili(ctx.meiliUrl, ctx.meiliMasterKey).index<SearchDocument>(articleIndexName(ctx.prefix));
  const docs = new Map<string, SearchDocument>();
  for (let offset = 0; ; offset += 1000) {
    const { results } = await index.getDocuments({ offset, limit: 1000 });
    for (const d of results) docs.set(d.id, d);
    if (results.length < 1000) return docs;
  }
}

/** The uids of the indexes under the context's prefix. */
export async function indexUids(ctx: TestContext): Promise<string[]> {
  const { results } = await createMeili(ctx.meiliUrl, ctx.meiliMasterKey).getIndexes({ limit: 1000 });
  return results.map((i) => i.uid).filter((uid) => uid.startsWith(ctx.prefix));
}

export const adminToken = (secrets: PlatformSecrets): string =>
  signToken(secrets.jwtSecret, { sub: 'search-spec', roles: ['admin'] });

/** A reindex as `GET /v1/admin/reindex/:id` reports it. */
export interface ReindexReply {
  id: string;
  state: string;
  index: string;
  eventsRead: number;
  documentsIndexed: number;
  lag: number;
  eventsPerSecond: number;
  expectedEndAt: string | null;
  settingsVersion: string;
  error: string | null;
}
