import { deadLetterTopic, TopicSpecs } from '@broadsheet/contracts';
import { randomBytes } from 'node:crypto';
import { ensureTopics } from '../../../tools/stack';

/** Where the stack that test/global-setup.ts started lives, and this test file's own names in it. */
export interface TestContext {
  kafkaBrokers: string;
  mongoUrl: string;
  meiliUrl: string;
  meiliMasterKey: string;
  /** Prefix for this file's topics, databases and indexes: files never see each other's data. */
  prefix: string;
}

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the tests through jest, whose global setup starts the stack`);
  return value;
}

export function testContext(label: string): TestContext {
  return {
    kafkaBrokers: required('KAFKA_BROKERS'),
    mongoUrl: required('MONGO_URL'),
    meiliUrl: required('MEILI_URL'),
    meiliMasterKey: required('MEILI_MASTER_KEY'),
    prefix: `t${randomBytes(3).toString('hex')}_${label}_`,
  };
}

/** Creates the platform's topics (and their dead-letter topics) under the context's prefix. */
export async function createTopics(ctx: TestContext): Promise<void> {
  await ensureTopics(
    ctx.kafkaBrokers,
    TopicSpecs.map((s) => ({ ...s, topic: `${ctx.prefix}${s.topic}` })),
  );
}

export { deadLetterTopic };
