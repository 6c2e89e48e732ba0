import { escapeHtml } from '@broadsheet/contracts';
import { randomBytes } from 'node:crypto';

/** The strings Meilisearch is asked to wrap matches in. */
export interface HighlightMarkers {
  pre: string;
  post: string;
}

/**
 * Fresh markers for one search: private-use characters around a random nonce, so no stored text can
 * contain them (a headline may contain "<mark>" or any fixed sentinel, never a nonce it cannot know).
 */
export function highlightMarkers(): HighlightMarkers {
  const nonce = randomBytes(12).toString('hex');
  return { pre: `\uE000${nonce}\uE001`, post: `\uE002${nonce}\uE003` };
}

/**
 * Highlighted text as an HTML fragment: the text HTML-escaped, each marked match in <mark>. Marks are
 * balanced whatever the input: a close without an open is dropped, an open left at the end is closed.
 */
export function highlightHtml(formatted: string, markers: HighlightMarkers): string {
  let html = '';
  let open = false;
  for (const [i, opened] of formatted.split(markers.pre).entries()) {
    const [before = '', ...rest] = opened.split(markers.post);
    if (i > 0 && !open) {
      html += '<mark>';
      open = true;
    }
    html += escapeHtml(before);
    for (const after of rest) {
      if (open) html += '</mark>';
      open = false;
      html += escapeHtml(after);
    }
  }
  return open ? `${html}</mark>` : html;
}
