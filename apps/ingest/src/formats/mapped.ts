import { SubmissionInput } from '@broadsheet/contracts';

/**
 * A story as a wire format yields it: the canonical fields, any of them possibly missing (a flash has no
 * body, a feed item no category) until cleaning fills the source's defaults and the schema validates it.
 */
export type MappedStory = { [K in keyof SubmissionInput]?: SubmissionInput[K] } & {
  /** The source's version number (see wire-status), as a number when it reads as one. */
  version?: unknown;
  /** The publishing status (see wire-status). */
  pubStatus?: unknown;
};

/** A JSON object as agencies send it, read field by field. */
export type Json = Record<string, unknown>;

export const isJson = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The first of `keys` that holds a non-empty string. */
export function str(o: Json | undefined, ...keys: string[]): string | undefined {
  for (const k of keys) {
    const v = o?.[k];
    if (typeof v === 'string' && v.trim() !== '') return v;
  }
  return undefined;
}

export function list(v: unknown): Json[] {
  return Array.isArray(v) ? v.filter(isJson) : [];
}

/** Drops undefined fields and empty lists, so a missing value stays missing for the schema and cleaning. */
export function compact(story: MappedStory): MappedStory {
  return withoutEmpty(story);
}

export function withoutEmpty<T extends object>(o: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) {
    if (v === undefined || (Array.isArray(v) && v.length === 0)) continue;
    out[k] = v;
  }
  return out as T;
}

/** An absolute http(s) URL resolved against `base`, or undefined when there is none. */
export function absoluteUrl(href: string | undefined, base?: string): string | undefined {
  if (!href) return undefined;
  try {
    const url = new URL(href.trim(), base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.toString() : undefined;
  } catch {
    return undefined;
  }
}
