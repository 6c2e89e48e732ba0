import { Submission } from '@broadsheet/contracts';
import { waitFor } from './wait';

export interface PlatformUrls {
  ingest: string;
  editorial: string;
  delivery: string;
}

export interface Draft {
  id: string;
  slug: string;
  status: string;
  articleKey: string;
  body: string;
}

/** Drives the platform through its public HTTP APIs, as a source, an editor and a reader would. */
export class PlatformClient {
  /** A service left out is one the caller did not start: calling it is an error that says so. */
  constructor(
    private readonly urls: Partial<PlatformUrls>,
    private readonly sourceApiKey: string,
    private readonly editorToken: string,
  ) {}

  async submit(story: Submission): Promise<{ id: string; status: string; articleKey: string }> {
    const res = await fetch(`${this.url('ingest')}/v1/submissions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': this.sourceApiKey },
      body: JSON.stringify(story),
    });
    if (res.status !== 202) throw new Error(`submission refused: ${res.status} ${await res.text()}`);
    return (await res.json()) as { id: string; status: string; articleKey: string };
  }

  /** Waits for the drafts of these article keys to reach the editorial desk. */
  async drafts(articleKeys: string[], timeoutMs = 30_000): Promise<Map<string, Draft>> {
    const wanted = new Set(articleKeys);
    return waitFor(
      async () => {
        const found = new Map<string, Draft>();
        let cursor: string | null = null;
        do {
          const page = await this.editorial(`/v1/articles?status=draft&limit=100${cursor ? `&cursor=${cursor}` : ''}`);
          const { items, nextCursor } = (await page.json()) as { items: Draft[]; nextCursor: string | null };
          for (const d of items) if (wanted.has(d.articleKey)) found.set(d.articleKey, d);
          cursor = nextCursor;
        } while (cursor && found.size < wanted.size);
        return found.size === wanted.size ? found : undefined;
      },
      `${wanted.size} draft(s) at editorial`,
      timeoutMs,
      100,
    );
  }

  async act(id: string, action: 'publish' | 'unpublish' | 'kill' | 'submit'): Promise<Response> {
    return this.editorial(`/v1/articles/${id}/${action}`, { method: 'POST' });
  }

  async publish(id: string): Promise<void> {
    const res = await this.act(id, 'publish');
    if (res.status !== 200) throw new Error(`publish refused: ${res.status} ${await res.text()}`);
  }

  editorial(path: string, init: RequestInit = {}): Promise<Response> {
    return fetch(`${this.url('editorial')}${path}`, {
      ...init,
      headers: { authorization: `Bearer ${this.editorToken}`, 'content-type': 'application/json', ...init.headers },
    });
  }

  delivery(path: string, init: RequestInit = {}): Promise<Response> {
    return fetch(`${this.url('delivery')}${path}`, init);
  }

  /** Ids of the articles a reader's search finds. */
  async searchIds(q: string, limit = 50): Promise<string[]> {
    const res = await this.delivery(`/v1/search?q=${encodeURIComponent(q)}&limit=${limit}`);
    const { hits } = (await res.json()) as { hits: Array<{ id: string }> };
    return hits.map((h) => h.id);
  }
  private url(service: keyof PlatformUrls): string {
    const url = this.urls[service];
    if (url === undefined) throw new Error(`${service} is not running for this client`);
    return url;
  }
}

/** Submits stories, publishes their drafts and waits until a reader finds every one through search. */
export async function publishStories(
  client: PlatformClient,
  stories: Submission[],
  timeoutMs = 60_000,
): Promise<Draft[]> {
  const accepted = [];
  for (const s of stories) accepted.push(await client.submit(s));
  const drafts = await client.drafts(
    accepted.map((a) => a.articleKey),
    timeoutMs,
  );
  for (const d of drafts.values()) await client.publish(d.id);
  for (const [i, s] of stories.entries()) {
    const draft = drafts.get(accepted[i]!.articleKey)!;
    await waitFor(
      async () => ((await client.searchIds(s.headline, 5)).includes(draft.id) ? true : undefined),
      `"${s.headline}" in search`,
      timeoutMs,
    );
  }
  return [...drafts.values()];
}
