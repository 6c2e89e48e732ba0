import { htmlToText, sanitizeBody } from '@broadsheet/contracts';
import type { ReadArticle } from '../articles/read-model.repository';

const longDate = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'UTC' });

/** A date as the page prints it and as `<time datetime>` states it. */
export function printedDate(at: Date): { iso: string; text: string } {
  return { iso: at.toISOString(), text: longDate.format(at) };
}

export interface CardView {
  slug: string;
  headline: string;
  category: string;
  categoryLabel: string;
  excerpt: string;
  publishedIso: string;
  publishedText: string;
  level: 2 | 3;
}

export function cardView(a: ReadArticle, level: 2 | 3 = 2): CardView {
  const published = printedDate(a.publishedAt);
  return {
    slug: a.slug,
    headline: a.headline,
    category: a.category,
    categoryLabel: a.categoryLabel,
    excerpt: a.summary ?? excerptOf(a.body ?? ''),
    publishedIso: published.iso,
    publishedText: published.text,
    level,
  };
}

/** The first words of a body, as plain text: lists fetch no body, so this only serves bodies at hand. */
function excerptOf(html: string): string {
  const text = htmlToText(html);
  return text.length > 240 ? `${text.slice(0, 237).replace(/\s+\S*$/, '')}…` : text;
}

export function articleView(a: ReadArticle) {
  const published = printedDate(a.publishedAt);
  const updated = a.updatedAt.getTime() - a.publishedAt.getTime() > 60_000 ? printedDate(a.updatedAt) : undefined;
  return {
    ...a,
    publishedIso: published.iso,
    publishedText: published.text,
    updatedIso: updated?.iso,
    updatedText: updated?.text,
    // The body is cleaned again here, on output, whatever the read model holds.
    bodyHtml: sanitizeBody(a.body),
    images: a.images.map((i) => ({ ...i, alt: i.alt ?? i.caption ?? '' })),
    corrections: (a.corrections ?? []).map((c) => ({ note: c.note, ...printedDate(c.at) })),
  };
}
