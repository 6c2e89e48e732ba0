import { IngestedStory, slugify, Submission } from '@broadsheet/contracts';
import { createHash } from 'node:crypto';

/**
 * Turns a parsed submission into the story editorial receives, with its dedupe hash. Parsing
 * (`submissionSchema`) has already cleaned every text field and sanitized the body.
 */
export function normalize(source: string, s: Submission, revision: number): IngestedStory {
  const tags = [...new Set((s.tags ?? []).map((t) => t.toLowerCase()))];
  const content = {
    headline: s.headline,
    summary: s.summary,
    body: s.body,
    bylines: s.bylines ?? [],
    category: slugify(s.category) || 'general',
    categoryLabel: s.category,
    tags,
    language: s.language ?? 'en',
    publishedAt: s.publishedAt,
    url: s.url,
    images: s.images ?? [],
  };
  return {
    ...content,
    articleKey: `${source}:${s.externalId}`,
    source,
    externalId: s.externalId,
    revision,
    contentHash: hashOf(content),
  };
}

/** sha256 of the normalized content, keys sorted, so key order or whitespace never makes a new version. */
export function hashOf(content: object): string {
  return createHash('sha256').update(stableJson(content)).digest('hex');
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => a.localeCompare(b));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
