import { htmlToText, IngestedStory, slugify, Submission } from '@broadsheet/contracts';
import { createHash } from 'node:crypto';
import sanitizeHtml from 'sanitize-html';

/** What a story body may contain: text structure, links and images, nothing that runs. */
const bodyPolicy: sanitizeHtml.IOptions = {
  allowedTags: [
    'p',
    'br',
    'h2',
    'h3',
    'h4',
    'blockquote',
    'ul',
    'ol',
    'li',
    'strong',
    'b',
    'em',
    'i',
    'u',
    's',
    'sub',
    'sup',
    'a',
    'figure',
    'figcaption',
    'img',
    'table',
    'thead',
    'tbody',
    'tr',
    'th',
    'td',
    'hr',
    'pre',
    'code',
    'q',
    'cite',
  ],
  allowedAttributes: {
    a: ['href', 'title', 'rel'],
    img: ['src', 'alt', 'title', 'width', 'height'],
    td: ['colspan', 'rowspan'],
    th: ['colspan', 'rowspan'],
  },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowProtocolRelative: false,
  transformTags: { a: sanitizeHtml.simpleTransform('a', { rel: 'noopener nofollow' }) },
};

/** Headlines, summaries, bylines and tags are plain text. */
const plainText = htmlToText;

export function sanitizeBody(html: string): string {
  return sanitizeHtml(html, bodyPolicy).trim();
}

/** Turns a validated submission into the story editorial receives, with its dedupe hash. */
export function normalize(source: string, s: Submission, revision: number): IngestedStory {
  const tags = [...new Set((s.tags ?? []).map((t) => plainText(t).toLowerCase()).filter(Boolean))];
  const content = {
    headline: plainText(s.headline),
    summary: s.summary ? plainText(s.summary) : undefined,
    body: sanitizeBody(s.body),
    bylines: (s.bylines ?? []).map(plainText).filter(Boolean),
    category: slugify(s.category) || 'general',
    categoryLabel: plainText(s.category),
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
