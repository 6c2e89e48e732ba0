import { ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { freePorts } from '../stack';
import { waitFor } from './wait';

// From tools/platform (or dist/tools/platform) up to the checkout.
const root = path.resolve(__dirname, __dirname.includes(`${path.sep}dist${path.sep}`) ? '../../..' : '../..');

export const serviceNames = ['ingest', 'editorial', 'search-index', 'delivery'] as const;
export type ServiceName = (typeof serviceNames)[number];

/**
 * V8 flags each service runs with wherever it starts: here (npm start, tests, benchmarks), the image's
 * entry script, docker-compose.yml and the Kubernetes manifests (`npm run deploy-check` compares them).
 * delivery's heap cap makes V8 grow its old generation in small steps: under load (2,000 stories, 50
 * connections) it held about 300 MB resident with Node's defaults (old space ~150 MB, mostly garbage
 * awaiting a major GC) and about 160 MB capped (old space ~50 MB), requests/s within run-to-run noise
 * (README, `npm run bench -- delivery-flags`).
 */
export const serviceNodeOptions: Record<ServiceName, string> = {
  ingest: '',
  editorial: '',
  'search-index': '',
  delivery: '--max-old-space-size=256',
};

/** One service running as its own process from dist/, as it runs in production. */
export class ServiceProcess {
  private exited?: Promise<number | null>;
  readonly output: string[] = [];

  private constructor(
    readonly name: ServiceName,
    readonly url: string,
    private readonly child: ChildProcess,
  ) {
    this.exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve(code ?? (signal ? -1 : null))));
    const keep = (chunk: Buffer): void => {
      this.output.push(chunk.toString());
      if (this.output.length > 500) this.output.shift();
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** Starts a service and, unless told otherwise, waits until `/health/ready` answers 200. */
  static async start(name: ServiceName, env: Record<string, string>, waitReady = true): Promise<ServiceProcess> {
    const port = env.PORT ? Number(env.PORT) : (await freePorts(1))[0]!;
    const child = spawn(process.execPath, [path.join(root, 'tools/bin/run.js'), `apps/${name}/src/main.js`], {
      cwd: root,
      env: {
        PATH: process.env.PATH ?? '',
        NODE_ENV: 'test',
        LOG_LEVEL: 'warn',
        NODE_OPTIONS: serviceNodeOptions[name],
        // No load balancer routes to these processes: a stop need not wait for one to drain them.
        SHUTDOWN_DRAIN_MS: '0',
        ...env,
        PORT: String(port),
        HOST: '127.0.0.1',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const service = new ServiceProcess(name, `http://127.0.0.1:${port}`, child);
    if (!waitReady) return service;
    try {
      await service.ready();
    } catch (error) {
      // A service that never turned ready is not left running behind a failed start.
      await service.stop('SIGKILL');
      throw error;
    }
    return service;
  }

  // Generous: on a loaded 2-core machine four Nest processes starting at once can take a minute.
  async ready(timeoutMs = 120_000): Promise<void> {
    await waitFor(
      async () => {
        if (this.child.exitCode !== null)
          throw new Error(`${this.name} exited with ${this.child.exitCode}:\n${this.output.join('')}`);
        const res = await fetch(`${this.url}/health/ready`);
        return res.ok ? true : undefined;
      },
      `${this.name} to be ready`,
      timeoutMs,
      200,
    );
  }

  /** Resolves with the exit code (null after a signal) once the process has ended. */
  waitExit(): Promise<number | null> {
    return this.exited ?? Promise.resolve(null);
  }

  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill(signal);
    await this.waitExit();
  }
}
