import sanitizeHtml from 'sanitize-html';

/**
 * How text is cleaned, for every service that accepts it. A plain-text field (headline, summary,
 * byline, tag, category label, image alt/caption/credit) holds text only: no tags, no entities that
 * could become tags, no control or bidirectional-override characters. Whoever renders it escapes it.
 */

/** sanitize-html's text output escapes only these; everything else it has already decoded. */
const escaped: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"' };

/**
 * Characters no field keeps: C0 controls other than tab, line feed and carriage return, DEL, C1
 * controls, the bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) that
 * can make text read differently from how it is stored, and U+FEFF (a byte-order mark, not text).
 * Kept on purpose: ZWNJ/ZWJ (U+200C/U+200D), which Persian and Arabic spelling needs, and the
 * directional marks LRM/RLM/ALM (U+200E, U+200F, U+061C): they reorder nothing around them, only
 * give neutral characters such as digits and punctuation a direction, and RTL writers use them.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const stripped = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069\uFEFF]/g;

/** Rounds of decode-and-strip after which text that still changes is treated as hostile. */
const maxRounds = 8;

/** Removes control and bidi-override characters; tab, LF and CR stay (HTML bodies keep them as whitespace). */
export function stripControls(text: string): string {
  return text.replace(stripped, '');
}

/** One round: drop tags (with script/style contents) and comments, decode entities once. */
function textOfHtml(html: string): string {
  const clean = stripControls(html);
  // Without `<` there is no tag, and an `&` before a space or the end starts no entity ("Business & Economy"):
  // the parser would give such text back unchanged (it escapes only `&` and `>` on the way out, which
  // `decodeEscaped` restores), so it is skipped (text-fast-path.spec.ts).
  if (!/<|&(?![ \t\n\r]|$)/.test(clean)) return clean;
  return decodeEscaped(sanitizeHtml(clean, { allowedTags: [], allowedAttributes: {} }));
}

/** Undoes sanitize-html's escaping of text, in one pass (so `&amp;lt;` becomes `&lt;`, never `<`). */
export function decodeEscaped(text: string): string {
  return text.includes('&') ? text.replace(/&(?:amp|lt|gt|quot);/g, (e) => escaped[e] ?? e) : text;
}

/** Runs of whitespace as one space, trimmed. Most text has none to fold, and is then only trimmed. */
export function collapseWhitespace(text: string): string {
  return / \s|[^\S ]/.test(text) ? text.replace(/\s+/g, ' ').trim() : text.trim();
}

/**
 * A plain-text field as it is stored: entities decoded and tags stripped repeatedly until nothing
 * changes (so `&lt;script&gt;` never becomes a tag), controls removed, whitespace collapsed. Text that
 * still changes after a few rounds is nested encoding nobody writes by hand, and becomes empty.
 */
export function plainText(raw: string): string {
  let text = raw;
  for (let round = 0; round < maxRounds; round++) {
    const next = textOfHtml(text);
    if (next === text) return collapseWhitespace(stripControls(text));
    text = next;
  }
  return '';
}

/** The text a reader sees in an HTML fragment (one decode: entities in the page are its visible text). */
export function htmlToText(html: string): string {
  return collapseWhitespace(stripControls(textOfHtml(html)));
}

/**
 * False for text that is not well-formed Unicode: a lone surrogate (which JSON.parse accepts from
 * `"\ud800"`), or U+FFFD, which is what invalid UTF-8 becomes once the HTTP body parser or the
 * Kafka consumer has decoded it. Such text is refused rather than stored damaged.
 */
export function isWellFormedText(text: string): boolean {
  return !/[\p{Cs}\uFFFD]/u.test(text);
}

const htmlEscapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text made safe to place in HTML content or a quoted attribute. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => htmlEscapes[c] ?? c);
}
