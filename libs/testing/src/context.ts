import { randomBytes } from 'node:crypto';
import { PlatformTarget } from '../../../tools/platform/platform';

/** Where the stack that test/global-setup.ts started lives; the prefix keeps each test file's topics, databases and indexes apart. */
export type TestContext = PlatformTarget;

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

export { createPlatformTopics as createTopics } from '../../../tools/platform/platform';
