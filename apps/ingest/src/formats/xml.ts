import { DomainError, ErrorCodes, escapeHtml } from '@broadsheet/contracts';
import { XMLParser, XMLValidator } from 'fast-xml-parser';

/** A node of fast-xml-parser's order-preserving tree: `{ tag: children, ':@': attributes }` or `{ '#text': text }`. */
export type XmlNode = Record<string, unknown>;

const refused = (message: string): DomainError =>
  new DomainError(ErrorCodes.ValidationFailed, message, [{ path: 'body', message }]);

/**
 * Refuses what makes XML dangerous before any parser sees it: a DOCTYPE is where entity declarations
 * (billion laughs) and external entities (XXE) live, and no news format needs one, so any is refused.
 */
export function refuseHostileXml(text: string): void {
  if (/<!DOCTYPE/i.test(text)) throw refused('XML with a DOCTYPE is refused (entity expansion and external entities)');
  if (/<!ENTITY/i.test(text)) throw refused('XML entity declarations are refused');
  const valid = XMLValidator.validate(text);
  if (valid !== true) throw refused(`malformed XML at line ${valid.err.line}: ${valid.err.msg}`);
}

// Only the five predefined entities and numeric references are decoded; HTML entities are not.
const ordered = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  preserveOrder: true,
  trimValues: false,
  processEntities: true,
  htmlEntities: false,
  parseTagValue: false,
  parseAttributeValue: false,
  removeNSPrefix: true,
});

/** Parses checked XML into an order-preserving tree (markup inside bodies must keep its order). */
export function parseXml(text: string): XmlNode[] {
  refuseHostileXml(text);
  return ordered.parse(text) as XmlNode[];
}

export function tagOf(node: XmlNode): string | undefined {
  return Object.keys(node).find((k) => k !== ':@');
}

export function childrenOf(node: XmlNode): XmlNode[] {
  const tag = tagOf(node);
  const value = tag ? node[tag] : undefined;
  return Array.isArray(value) ? (value as XmlNode[]) : [];
}

export function attr(node: XmlNode, name: string): string | undefined {
  const attrs = node[':@'] as Record<string, unknown> | undefined;
  const v = attrs?.[name];
  return typeof v === 'string' ? v : undefined;
}

/** Child elements named `tag` (namespace prefixes already removed). */
export function children(node: XmlNode | undefined, tag: string): XmlNode[] {
  return node ? childrenOf(node).filter((c) => tagOf(c) === tag) : [];
}

export function child(node: XmlNode | undefined, tag: string): XmlNode | undefined {
  return children(node, tag)[0];
}

/** First element named `tag` anywhere below `nodes`, depth first. */
export function find(nodes: XmlNode[], tag: string): XmlNode | undefined {
  for (const n of nodes) {
    if (tagOf(n) === tag) return n;
    const below = find(childrenOf(n), tag);
    if (below) return below;
  }
  return undefined;
}

/** The text content of a node, markup dropped. */
export function textOf(node: XmlNode | undefined): string {
  if (!node) return '';
  if (typeof node['#text'] === 'string') return node['#text'];
  return childrenOf(node).map(textOf).join('');
}

/**
 * Writes a subtree back as HTML; `rename` maps a vocabulary's tags (NITF's `hl2`) to HTML ones, and
 * `''` unwraps a tag. The body sanitizer runs afterwards, so this only has to keep text and structure.
 */
export function toHtml(nodes: XmlNode[], rename: Record<string, string> = {}): string {
  return nodes
    .map((n) => {
      if (typeof n['#text'] === 'string') return escapeHtml(n['#text']);
      const tag = tagOf(n);
      if (!tag || tag.startsWith('?')) return '';
      const inner = toHtml(childrenOf(n), rename);
      const name = rename[tag] ?? tag;
      if (name === '') return inner;
      const attrs = Object.entries((n[':@'] as Record<string, string> | undefined) ?? {})
        .map(([k, v]) => ` ${k}="${escapeHtml(String(v))}"`)
        .join('');
      return `<${name}${attrs}>${inner}</${name}>`;
    })
    .join('');
}
