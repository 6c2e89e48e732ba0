import { LocalStack } from '../tools/stack';
import { PlatformClient } from '../tools/platform/client';
import { PlatformSecrets, PlatformTarget } from '../tools/platform/platform';
import { ServiceName, ServiceProcess } from '../tools/platform/services';
import { Figure, Row } from './stats';

/** What every benchmark suite gets: the bench's own stack, the services it asked for on it, and a client. */
export interface BenchContext {
  stack: LocalStack;
  target: PlatformTarget;
  secrets: PlatformSecrets;
  services: Record<string, ServiceProcess>;
  client: PlatformClient;
  log: (line: string) => void;
}

/** What a suite measured: latency rows (p50/p99/max) and single figures (stories/s, precision…). */
export interface BenchResult {
  rows?: Row[];
  figures?: Figure[];
}

/** One benchmark, named so `npm run bench -- <name>` can run it alone. */
export interface BenchSuite {
  name: string;
  /**
   * The services it needs running (all four when left out). A suite that measures one service names only
   * that one: on two cores, the others would consume the same log and take the CPU it is measured on.
   */
  services?: readonly ServiceName[];
  run(ctx: BenchContext): Promise<BenchResult>;
}
