import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Dependency, DependencyName, startStack } from '../../../tools/stack';
import { TestContext } from './context';

/** A test file's own copy of some dependencies, which it may stop and start; the rest stay shared. */
export interface PrivateStack {
  /** The test context with the private dependencies' URLs in place of the shared ones. */
  ctx: TestContext;
  dependency(name: DependencyName): Dependency;
  stop(): Promise<void>;
}

/**
 * Outage tests stop a dependency for a while; the shared one serves the other test files running
 * in parallel, so they start their own (a few seconds each) on the same prefix.
 */
export async function privateStack(ctx: TestContext, own: DependencyName[]): Promise<PrivateStack> {
  const dataDir = mkdtempSync(path.join(tmpdir(), `broadsheet-${ctx.prefix}`));
  const stack = await startStack({
    dataDir,
    kafkaBrokers: own.includes('kafka') ? undefined : ctx.kafkaBrokers,
    mongoUrl: own.includes('mongo') ? undefined : ctx.mongoUrl,
    ...(own.includes('meilisearch') ? {} : { meiliUrl: ctx.meiliUrl, meiliMasterKey: ctx.meiliMasterKey }),
  });
  return {
    ctx: {
      ...ctx,
      kafkaBrokers: stack.kafkaBrokers,
      mongoUrl: stack.mongoUrl,
      meiliUrl: stack.meiliUrl,
      meiliMasterKey: stack.meiliMasterKey,
    },
    dependency(name) {
      const dependency = stack.dependencies[name];
      if (!dependency) throw new Error(`${name} is not private to this test`);
      return dependency;
    },
    async stop() {
      await stack.stop();
      if (!process.env.KEEP_TEST_DATA) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
