import { PlatformClient } from '@broadsheet/testing';

/** What a reader surface answered: the ids it shows and its raw text, where no hidden word may appear. */
export interface Seen {
  ids: string[];
  text: string;
}

const merge = (all: Seen[]): Seen => ({ ids: all.flatMap((s) => s.ids), text: all.map((s) => s.text).join('\n') });

/** Every page of delivery's `/v1/articles` (one item a page, so paging is exercised) under a filter. */
export async function listAll(client: PlatformClient, filter = ''): Promise<Seen> {
  const pages: Seen[] = [];
  let cursor: string | null = null;
  do {
    const query = `limit=1${filter ? `&${filter}` : ''}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const res = await client.delivery(`/v1/articles?${query}`);
    const text = await res.text();
    if (res.status !== 200) throw new Error(`/v1/articles?${query}: ${res.status} ${text}`);
    const page = JSON.parse(text) as { items: Array<{ id: string }>; nextCursor: string | null };
    pages.push({ ids: page.items.map((i) => i.id), text });
    cursor = page.nextCursor;
    if (pages.length > 100) throw new Error('more than 100 pages: the cursor does not advance');
  } while (cursor);
  return merge(pages);
}

/** Every page of delivery's `/v1/search` for a query under a filter. */
export async function searchAll(client: PlatformClient, q: string, filter = ''): Promise<Seen> {
  const pages: Seen[] = [];
  let totalPages = 1;
  for (let page = 1; page <= totalPages; page++) {
    const query = `q=${encodeURIComponent(q)}&limit=50&page=${page}${filter ? `&${filter}` : ''}`;
    const res = await client.delivery(`/v1/search?${query}`);
    const text = await res.text();
    if (res.status !== 200) throw new Error(`/v1/search?${query}: ${res.status} ${text}`);
    const found = JSON.parse(text) as { query: string; hits: Array<{ id: string }>; totalPages: number };
    // The answer echoes the query: only what it found counts.
    const { query: _asked, ...answer } = found;
    pages.push({ ids: found.hits.map((h) => h.id), text: JSON.stringify(answer) });
    totalPages = found.totalPages;
  }
  return merge(pages);
}
