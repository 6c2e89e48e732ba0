import { SearchDocument } from '@broadsheet/search';
import { z } from 'zod';
import { highlightHtml, HighlightMarkers } from './highlight';

const plain = (what: string) => z.string().describe(`${what}, in plain text (no markup, no HTML escaping).`);

/** One search result: text fields are plain text like every JSON answer; only `highlights` holds HTML. */
export const searchHitSchema = z.object({
  id: z.string(),
  slug: z.string().describe('Reach the article at `/v1/articles/:slug`.'),
  headline: plain('Headline'),
  summary: plain('Standfirst').optional(),
  category: z.string().describe('Category slug.'),
  categoryLabel: plain('Category label'),
  tags: z.array(z.string()).describe('Tags, in plain text (no markup, no HTML escaping).'),
  bylines: z.array(z.string()).describe('Author names, in plain text (no markup, no HTML escaping).'),
  publishedAt: z.string().describe('First publication (ISO-8601).'),
  imageUrl: z.string().optional().describe('URL of the first image, if any.'),
  highlights: z
    .object({
      headline: z.string(),
      summary: z.string().optional(),
    })
    .describe(
      'HTML fragments for display: the text HTML-escaped, each match in a balanced <mark>…</mark>; no other tags.',
    ),
});
export type SearchHit = z.infer<typeof searchHitSchema>;

export const searchReplySchema = z.object({
  query: z.string().describe('The query as understood, in plain text.'),
  hits: z.array(searchHitSchema),
  page: z.number().int(),
  totalPages: z.number().int(),
  totalHits: z.number().int(),
  facets: z
    .object({
      category: z.record(z.string(), z.number().int()),
      tags: z.record(z.string(), z.number().int()),
    })
    .describe('How many hits each category slug and tag has.'),
});
export type SearchResponse = z.infer<typeof searchReplySchema>;

/** A document as Meilisearch returns it, with the highlighted copies of its fields. */
export type FoundDocument = SearchDocument & { _formatted?: Partial<Record<keyof SearchDocument, unknown>> };

/** A hit as readers get it: every text field raw, as stored; the highlighted HTML apart, in `highlights`. */
export function toHit(hit: FoundDocument, markers: HighlightMarkers): SearchHit {
  const formatted = (field: 'headline' | 'summary'): string | undefined => {
    const value = hit._formatted?.[field] ?? hit[field];
    return typeof value === 'string' ? highlightHtml(value, markers) : undefined;
  };
  return {
    id: hit.id,
    slug: hit.slug ?? '',
    headline: hit.headline ?? '',
    summary: hit.summary,
    category: hit.category ?? '',
    categoryLabel: hit.categoryLabel ?? '',
    tags: hit.tags ?? [],
    bylines: hit.bylines ?? [],
    publishedAt: hit.publishedAt ?? '',
    imageUrl: hit.imageUrl,
    highlights: {
      headline: formatted('headline') ?? '',
      summary: hit.summary === undefined ? undefined : formatted('summary'),
    },
  };
}
