import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { Worker } from 'node:worker_threads';
import { Intake, SourceProfile } from '../submissions/intake';

export const INTAKE_THREADS = Symbol('INTAKE_THREADS');

export interface IntakeRequest {
  id: number;
  raws: unknown[];
  profile: SourceProfile;
}

export type IntakeResponse = { id: number; results: Intake[] } | { id: number; error: string };

/** The worker's module inside dist/, as the launcher (tools/bin/run.js) takes it. */
const WORKER_ENTRY = 'apps/ingest/src/batch/intake.worker.js';
/**
 * A thread's old generation: it holds one batch at a time (a few MB), and without a cap of its own each
 * isolate may grow to the process's `--max-old-space-size`, two of them past the container's limit.
 */
const WORKER_OLD_SPACE_MB = 64;

interface Pending {
  resolve: (results: Intake[]) => void;
  reject: (error: Error) => void;
}

/**
 * Cleans many stories on worker threads. Cleaning (parsing and sanitizing HTML, normalizing, MinHash)
 * is pure CPU work; on the service's own thread it kept that thread saturated while the store waited. A batch is split between the threads and each
 * story is cleaned by the same `intake` as everywhere else. A thread that dies fails the batches it
 * held (their callers answer 500 or Kafka redelivers) and is replaced.
 */
@Injectable()
export class IntakePool implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(IntakePool.name);
  private readonly workers: Worker[] = [];
  private readonly pending = new Map<number, Pending>();
  private readonly owner = new Map<number, Worker>();
  private nextId = 0;
  private stopping = false;

  constructor(@Inject(INTAKE_THREADS) private readonly threads: number) {}

  onModuleInit(): void {
    for (let i = 0; i < this.threads; i++) this.workers.push(this.spawn());
  }

  async onModuleDestroy(): Promise<void> {
    this.stopping = true;
    await Promise.all(this.workers.map((w) => w.terminate()));
  }

  /** Each story's intake, in order; the batch is shared between the threads. */
  async intakeAll(raws: readonly unknown[], profile: SourceProfile): Promise<Intake[]> {
    const size = Math.ceil(raws.length / this.workers.length);
    const parts = this.workers.map((worker, i) => this.run(worker, raws.slice(i * size, (i + 1) * size), profile));
    return (await Promise.all(parts)).flat();
  }

  private run(worker: Worker, raws: unknown[], profile: SourceProfile): Promise<Intake[]> {
    if (raws.length === 0) return Promise.resolve([]);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.owner.set(id, worker);
      worker.postMessage({ id, raws, profile } satisfies IntakeRequest);
    });
  }

  private spawn(): Worker {
    const launcher = require.main?.filename;
    if (!launcher) throw new Error('IntakePool needs the launcher that started the service (tools/bin/run.js)');
    // Through the launcher, as the service itself: it maps @broadsheet/* to the compiled libraries.
    const worker = new Worker(launcher, {
      argv: [WORKER_ENTRY],
      resourceLimits: { maxOldGenerationSizeMb: WORKER_OLD_SPACE_MB },
    });
    worker.on('message', (response: IntakeResponse) => this.settle(response));
    worker.on('error', (error) => this.fail(worker, error));
    worker.on('exit', (code) => this.fail(worker, new Error(`intake thread exited with code ${code}`)));
    return worker;
  }

  private settle(response: IntakeResponse): void {
    const waiting = this.pending.get(response.id);
    this.pending.delete(response.id);
    this.owner.delete(response.id);
    if ('results' in response) waiting?.resolve(response.results);
    else waiting?.reject(new Error(`intake failed on its thread: ${response.error}`));
  }

  private fail(worker: Worker, error: Error): void {
    for (const [id, held] of this.owner) {
      if (held !== worker) continue;
      this.pending.get(id)?.reject(error);
      this.pending.delete(id);
      this.owner.delete(id);
    }
    const at = this.workers.indexOf(worker);
    if (at < 0 || this.stopping) return;
    this.logger.error(`intake thread failed, starting another: ${error.message}`);
    this.workers[at] = this.spawn();
  }
}
