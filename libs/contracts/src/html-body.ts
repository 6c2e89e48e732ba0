import sanitizeHtml from 'sanitize-html';
import { htmlToText, stripControls } from './text';

/** What a story body may contain: text structure, links and images, nothing that runs. */
const bodyPolicy: sanitizeHtml.IOptions = {
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
  return stripControls(sanitizeHtml(stripControls(html), bodyPolicy)).trim();
}

/** True when a sanitized body shows a reader some text (a body of bare markup or images has none). */
export function bodyHasText(html: string): boolean {
  return htmlToText(html) !== '';
}
