import { child, find, parseXml, textOf, toHtml, XmlNode, childrenOf } from './xml';

/** NITF's block tags as HTML: headings become h2/h3, containers unwrap, media is dropped (images come separately). */
const nitfTags: Record<string, string> = {
  hl2: 'h2',
  hl3: 'h3',
  block: '',
  'body.content': '',
  media: '',
  'media-reference': '',
  'media-caption': '',
  note: '',
};

/** What a NITF document says: its body as HTML, and the headline, byline and dateline of its head. */
export interface NitfParts {
  bodyHtml: string;
  headline?: string;
  byline?: string;
  dateline?: string;
}

export function nitfParts(nodes: XmlNode[]): NitfParts {
  const content = find(nodes, 'body.content');
  const head = find(nodes, 'body.head');
  const text = (n: XmlNode | undefined): string | undefined => textOf(n).replace(/\s+/g, ' ').trim() || undefined;
  return {
    bodyHtml: content ? toHtml(childrenOf(content), nitfTags).trim() : '',
    headline: text(child(find(nodes, 'hedline'), 'hl1')),
    byline: text(child(head, 'byline')),
    dateline: text(child(head, 'dateline')),
  };
}

/** A NITF document sent as a string (a ninjs body, a feed item) as HTML. */
export function nitfToHtml(xml: string): string {
  return nitfParts(parseXml(xml)).bodyHtml;
}
