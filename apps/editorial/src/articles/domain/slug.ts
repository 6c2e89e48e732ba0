import { slugify as transliterated } from 'transliteration';

/** What an editor may choose as a slug: lower-case Latin letters and digits in dash-separated words. */
export const slugPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const MAX_SLUG = 80;

/**
 * A readable Latin slug of a headline in any script the transliteration tables know (Cyrillic,
 * Arabic script, CJK…); a headline with nothing to transliterate gets a stable `article-<id>` fallback.
 */
export function readableSlug(headline: string, id: string): string {
  const slug = transliterated(headline, { lowercase: true, separator: '-', allowedChars: 'a-zA-Z0-9' })
    .replace(/-{2,}/g, '-')
    .slice(0, MAX_SLUG)
    .replace(/^-+|-+$/g, '');
  return slugPattern.test(slug) ? slug : `article-${id.slice(0, 8)}`;
}

/** The same slug made unique by the article's id, when another article holds it. */
export function disambiguated(slug: string, id: string): string {
  const suffix = `-${id.slice(0, 8)}`;
  return slug.endsWith(suffix) ? slug : `${slug.slice(0, MAX_SLUG - suffix.length).replace(/-+$/, '')}${suffix}`;
}
