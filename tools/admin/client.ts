import type { DeadLetter, ReplayResult } from '@broadsheet/messaging';

/** A refusal from a service, in the platform's error shape. */
export class AdminError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** One consuming service's admin routes. */
export class AdminClient {
  constructor(
    readonly service: string,
    private readonly baseUrl: string,
    private readonly token: string,
  ) {}

  async list(topic?: string, limit?: number): Promise<{ items: DeadLetter[]; total: number }> {
    const query = new URLSearchParams();
    if (topic) query.set('topic', topic);
    if (limit) query.set('limit', String(limit));
    return this.call(`/v1/admin/dlq?${query.toString()}`, { method: 'GET' });
  }

  async replay(body: {
    topic?: string;
    offsets?: Array<{ partition: number; offset: string }>;
    all?: boolean;
  }): Promise<{ results: ReplayResult[] }> {
    return this.call('/v1/admin/dlq/replay', { method: 'POST', body: JSON.stringify(body) });
  }

  async call<T>(path: string, init: RequestInit): Promise<T> {
    const res = await fetch(`${this.baseUrl}${path}`, {
      ...init,
      headers: { authorization: `Bearer ${this.token}`, 'content-type': 'application/json' },
    });
    const body = (await res.json().catch(() => ({}))) as T & { error?: { code: string; message: string } };
    if (!res.ok) {
      const code = body.error?.code ?? 'HTTP_ERROR';
      throw new AdminError(
        res.status,
        code,
        `${this.service}: ${res.status} ${code} ${body.error?.message ?? ''}`.trim(),
      );
    }
    return body;
  }
}
