import { slugify, SubmissionLimits } from '@broadsheet/contracts';

const summaryLength = 280;

/**
 * A standfirst from the body's visible text (`htmlToText` of the body) when the source sent none: its first
 * sentences, cut at a word, at most 280 characters.
 */
export function summaryFrom(text: string): string | undefined {
  if (!text) return undefined;
  if (text.length <= summaryLength) return text;
  const cut = text.slice(0, summaryLength);
  const sentence = cut.lastIndexOf('. ');
  if (sentence > summaryLength / 2) return cut.slice(0, sentence + 1);
  const word = cut.lastIndexOf(' ');
  return `${cut.slice(0, word > 0 ? word : summaryLength).trimEnd()}…`;
}

/** Tags as slugs, each once, in the order sent ("Budget 1405" and " budget-1405" are one tag). */
export function tagSlugs(tags: readonly string[]): string[] {
  const slugs = tags.map((t) => slugify(t, SubmissionLimits.tag)).filter((s) => s !== '');
  return [...new Set(slugs)];
}

/** Elements and attributes in a body: tags opened and `name=` pairs inside them, `rel` aside (the sanitizer sets it). */
function markupCount(html: string): { elements: number; attributes: number } {
  const tags = html.match(/<[a-zA-Z][^>]*>/g) ?? [];
  const names = tags.flatMap((t) => t.match(/\s[^\s=/>]+(?=\s*=)/g) ?? []);
  return { elements: tags.length, attributes: names.filter((n) => n.trim().toLowerCase() !== 'rel').length };
}

/** How much markup the sanitizer took out of a body: elements and attributes as sent minus as kept. */
export function removedBySanitizer(sent: unknown, kept: string): number {
  // A body kept as sent (one the sanitizer had nothing to take from) needs no counting.
  if (typeof sent !== 'string' || sent === kept) return 0;
  const before = markupCount(sent);
  const after = markupCount(kept);
  return Math.max(0, before.elements - after.elements) + Math.max(0, before.attributes - after.attributes);
}
