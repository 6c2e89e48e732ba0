import { escapeHtml, plainText } from '@broadsheet/contracts';

/** What a source registers that cleaning applies: the category a story without one takes. */
export interface StoryDefaults {
  defaultCategory?: string;
}

export const fallbackCategory = 'News';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
/** Absent: not sent at all. A value sent empty, null or with markup and no text is refused by the schema, as before. */
const absent = (v: unknown): boolean => v === undefined;

/**
 * A date in any format's spelling (ISO-8601 with or without offset, RFC 822 from RSS) as UTC ISO-8601.
 * A date without an offset is read as UTC, never as the server's zone; an unreadable one is left for the
 * schema to refuse under its name.
 */
export function utcDate(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const trimmed = value.trim();
  const naive = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(trimmed);
  const ms = Date.parse(naive ? `${trimmed}Z` : trimmed);
  return Number.isNaN(ms) ? value : new Date(ms).toISOString();
}

/** A story before validation, with what cleaning decided about it. */
export interface Prepared {
  input: unknown;
  /** An agency flash: a headline with no body yet. */
  flash: boolean;
}

/**
 * Fills what a format may leave out so no story is refused for it: the category (the source's default,
 * else "News") and, for a flash (headline, no body), a body that repeats the headline. Dates become UTC.
 * A field sent with markup and no text (`<b></b>`, a body of `<script>`) is not filled: the schema
 * refuses it under its name, as before. A top-level `$schema` declaration is set aside.
 */
export function prepare(raw: unknown, defaults: StoryDefaults): Prepared {
  if (!isObject(raw)) return { input: raw, flash: false };
  // `$schema` is a JSON Schema declaration (ninjs 3 documents carry one), not a field of the story.
  const { $schema: _declaration, ...out } = raw;
  if (absent(out.category)) out.category = defaults.defaultCategory ?? fallbackCategory;
  if (out.publishedAt !== undefined) out.publishedAt = utcDate(out.publishedAt);
  const headline = typeof out.headline === 'string' ? plainText(out.headline) : '';
  const flash = headline !== '' && absent(out.body);
  if (flash) out.body = `<p>${escapeHtml(headline)}</p>`;
  return { input: out, flash };
}
