import sanitizeHtml from 'sanitize-html';
import { inSanitizedForm } from './sanitized-form';
import { collapseWhitespace, decodeEscaped, stripControls } from './text';

/** What a story body may contain: text structure, links and images, nothing that runs. */
export const bodyPolicy: sanitizeHtml.IOptions = {
  allowedTags: [
    ...['p', 'br', 'h2', 'h3', 'h4', 'blockquote', 'ul', 'ol', 'li', 'hr', 'pre', 'code', 'q', 'cite'],
    ...['strong', 'b', 'em', 'i', 'u', 's', 'sub', 'sup', 'a', 'figure', 'figcaption', 'img'],
    ...['table', 'thead', 'tbody', 'tr', 'th', 'td'],
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

/**
 * A story body as it is stored: the allowed HTML only, without control or bidi-override characters
 * (removed before parsing, so they cannot hide a tag, and after, as entities may have spelled them).
 */
export function sanitizeBody(html: string): string {
  const clean = stripControls(html);
  // Most wire bodies are plain paragraphs the sanitizer would give back as they are: they skip the parse.
  if (inSanitizedForm(clean)) return clean.trim();
  return stripControls(sanitizeHtml(clean, bodyPolicy)).trim();
}

/**
 * The text a reader sees in a body `sanitizeBody` produced: `htmlToText` of it, without parsing it again.
 * Sanitized HTML is regular: its tags hold no `>` (attribute values have it escaped), its text no `<` and
 * no entity but the escapes `&amp;`, `&lt;`, `&gt;`, and no control character. So dropping the tags and
 * undoing the escapes gives what the parser would (html-body.spec.ts checks this on hostile bodies).
 */
export function sanitizedBodyText(sanitized: string): string {
  return collapseWhitespace(decodeEscaped(sanitized.replace(/<[^>]*>/g, '')));
}

/** True when a sanitized body shows a reader some text (a body of bare markup or images has none). */
export function bodyHasText(html: string): boolean {
  return sanitizedBodyText(html) !== '';
}
