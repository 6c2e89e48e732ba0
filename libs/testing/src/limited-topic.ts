import { ensureTopics } from '../../../tools/stack';
import { TestContext } from './context';

/**
 * Creates a logical topic under the context's prefix with `max.message.bytes` below the platform's, as a
 * misconfigured cluster would have it: Kafka then refuses ordinary events for good. Call before
 * `createTopics`, which leaves an existing topic as it is.
 */
export async function createTopicLimitedTo(ctx: TestContext, topic: string, maxMessageBytes: number): Promise<void> {
  await ensureTopics(ctx.kafkaBrokers, [
    {
      topic: `${ctx.prefix}${topic}`,
      numPartitions: 3,
      configEntries: [{ name: 'max.message.bytes', value: String(maxMessageBytes) }],
    },
  ]);
}
