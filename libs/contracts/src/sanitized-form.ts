/**
 * Recognises HTML that the body sanitizer (html-body.ts) would give back unchanged, so the parse can be
 * skipped for it: text without `<`, `>` or `&` other than the escapes `&amp;`, `&lt;`, `&gt;` (the sanitizer
 * decodes those and writes them again), and allowed tags without attributes, in lower case, each closed in
 * order. Anything else, however harmless, goes through the sanitizer: this only has to be right when it says
 * yes (text-fast-path.spec.ts compares it with the parser).
 */

/** Allowed tags that close no other when opened (htmlparser2 implies no close for them). */
const inlineTags = new Set(['strong', 'b', 'em', 'i', 'u', 's', 'sub', 'sup', 'code', 'q', 'cite']);

/** Allowed block tags without attributes or a void form (`pre` is left out: parsers treat its first line break). */
const blockTags = new Set(['p', 'h2', 'h3', 'h4', 'blockquote', 'ul', 'ol', 'li', 'figure', 'figcaption']);
const tableTags = new Set(['table', 'thead', 'tbody', 'tr', 'th', 'td']);

/**
 * Open elements that htmlparser2 closes when some block tag opens inside them (`<p>` in `<p>`, `<li>` in
 * `<li>`, a cell in a cell): a block tag opened inside one of them goes through the parser.
 */
const closedByBlocks = new Set(['p', 'li', 'th', 'td', 'tr', 'thead', 'tbody']);

/** A tag, a run of text, or one of the three escapes the sanitizer writes itself (`&amp;` `&lt;` `&gt;`). */
const token = /<(\/?)([a-z0-9]{1,10})>|[^<>&]+|&(?:amp|lt|gt);/y;

/** True when `html` (already without control characters) is in the form the body sanitizer gives back as is. */
export function inSanitizedForm(html: string): boolean {
  const open: string[] = [];
  token.lastIndex = 0;
  while (token.lastIndex < html.length) {
    const match = token.exec(html);
    if (!match) return false;
    const [, closing, tag] = match;
    if (tag === undefined) continue;
    if (closing) {
      if (open.pop() !== tag) return false;
    } else if (inlineTags.has(tag)) {
      open.push(tag);
    } else if (blockTags.has(tag) || tableTags.has(tag)) {
      if (closedByBlocks.has(open[open.length - 1] ?? '')) return false;
      open.push(tag);
    } else {
      return false;
    }
  }
  return open.length === 0;
}
