import { ServiceProcess, waitFor } from '@broadsheet/testing';
import http from 'node:http';

export interface Answer {
  status: number;
  body: string;
}

/** A request that reached a service and then failed, or was answered with a 5xx: what must never happen. */
export interface Failure {
  service: string;
  what: string;
  error: string;
}

/**
 * Routes requests to one service the way a Kubernetes Service does: only while its readiness answers
 * 200 (polled every 100 ms, like a probe). Each request goes on a fresh connection, so a refused
 * connection (the server no longer listens) is told apart from an accepted request that failed.
 */
export class Balancer {
  private routable = false;
  private polling = true;
  private readonly poller: Promise<void>;
  readonly failures: Failure[] = [];
  refused = 0;
  answered = 0;

  constructor(private backend: ServiceProcess) {
    this.poller = this.poll();
  }

  get service(): ServiceProcess {
    return this.backend;
  }

  /** A restarted process takes the old one's place. */
  replace(backend: ServiceProcess): void {
    this.backend = backend;
  }

  async close(): Promise<void> {
    this.polling = false;
    await this.poller;
  }

  /** Sends once the backend is routable; a refused connection is retried, anything else is final. */
  async send(method: string, path: string, headers: Record<string, string> = {}, body?: string): Promise<Answer> {
    for (;;) {
      await waitFor(() => this.routable || undefined, `${this.backend.name} to be routable`, 120_000, 20);
      try {
        const answer = await request(`${this.backend.url}${path}`, method, headers, body);
        this.answered += 1;
        if (answer.status >= 500) this.fail(`${method} ${path}`, `${answer.status} ${answer.body}`);
        return answer;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ECONNREFUSED') {
          this.refused += 1;
          await new Promise((r) => setTimeout(r, 50));
          continue;
        }
        this.fail(`${method} ${path}`, String(error));
        throw error;
      }
    }
  }

  private fail(what: string, error: string): void {
    this.failures.push({ service: this.backend.name, what, error });
  }

  private async poll(): Promise<void> {
    while (this.polling) {
      this.routable = await request(`${this.backend.url}/health/ready`, 'GET', {}).then(
        (a) => a.status === 200,
        () => false,
      );
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

export function request(url: string, method: string, headers: Record<string, string>, body?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}
