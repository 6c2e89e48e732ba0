import { htmlToText, IngestedStory, slugify, Submission } from '@broadsheet/contracts';
import { hash } from 'node:crypto';
import { summaryFrom, tagSlugs } from '../cleaning/derive';

/** What ingest decided about a story beyond its fields: a flash, a trusted source's direct route to readers. */
export interface StoryFlags {
  flash?: boolean;
  autoPublish?: boolean;
  /** The body's visible text, when the caller has already read it (`htmlToText` of the body). */
  bodyText?: string;
}

/**
 * Turns a parsed submission into the story editorial receives, with its dedupe hash. Parsing
 * (`submissionSchema`) has already cleaned every text field and sanitized the body; here the summary is
 * derived when absent (never for a flash, whose body only repeats the headline) and tags become slugs.
 */
export function normalize(source: string, s: Submission, revision: number, flags: StoryFlags = {}): IngestedStory {
  const content = {
    headline: s.headline,
    summary: s.summary ?? (flags.flash ? undefined : summaryFrom(flags.bodyText ?? htmlToText(s.body))),
    body: s.body,
    bylines: s.bylines ?? [],
    category: slugify(s.category) || 'news',
    categoryLabel: s.category,
    tags: tagSlugs(s.tags ?? []),
    language: s.language ?? 'en',
    publishedAt: s.publishedAt === undefined ? undefined : new Date(s.publishedAt).toISOString(),
    url: s.url,
    images: s.images ?? [],
    flash: flags.flash || undefined,
  };
  const contentHash = hashOf(content);
  // The content object is this call's own: the story's keys are added to it rather than copied around it.
  return Object.assign(content, {
    articleKey: `${source}:${s.externalId}`,
    source,
    externalId: s.externalId,
    revision,
    contentHash,
    autoPublish: flags.autoPublish || undefined,
  });
}

/** sha256 of the normalized content, keys sorted, so key order or whitespace never makes a new version. */
export function hashOf(content: object): string {
  return hash('sha256', stableJson(content), 'hex');
}

/**
 * JSON with keys in code-unit order and undefined values left out. Stored hashes were made with keys sorted
 * by `localeCompare`, which orders the story's keys (all ASCII letters, none differing only in case) alike:
 * normalize.spec.ts pins the hashes.
 */
function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    let out = '';
    for (const key of Object.keys(record).sort()) {
      const v = record[key];
      if (v !== undefined) out += `${out ? ',' : ''}${JSON.stringify(key)}:${stableJson(v)}`;
    }
    return `{${out}}`;
  }
  return JSON.stringify(value);
}
