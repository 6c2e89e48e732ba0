import { DomainError, ErrorCodes } from '@broadsheet/contracts';
import { operatorKeys } from '../cleaning/operators';
import { fromFeed } from './feed';
import { fromNewsml } from './newsml';
import { fromNinjs } from './ninjs';

/** What `Content-Type` names: one story (canonical, ninjs, NewsML-G2) or a feed of many (RSS, Atom). */
export const Formats = {
  'application/json': 'canonical',
  'application/ninjs+json': 'ninjs',
  'application/vnd.iptc.g2.newsitem+xml': 'newsml',
  'application/rss+xml': 'feed',
  'application/atom+xml': 'feed',
} as const;
export type Format = (typeof Formats)[keyof typeof Formats];

export function formatOf(contentType: string | undefined): Format {
  const type = contentType?.split(';')[0]?.trim().toLowerCase() ?? '';
  const format = (Formats as Record<string, Format | undefined>)[type];
  if (!format) {
    throw new DomainError(ErrorCodes.UnsupportedMediaType, `unsupported Content-Type "${type}"`, [
      { path: 'content-type', message: `supported: ${Object.keys(Formats).join(', ')}` },
    ]);
  }
  return format;
}

/** ninjs is mapped field by field, which would silently drop `$where`: refuse it as the canonical intake does. */
function refuseOperators(body: unknown): unknown {
  const found = operatorKeys(body);
  if (found.length > 0) throw new DomainError(ErrorCodes.ValidationFailed, 'invalid submission', found);
  return body;
}

function xmlText(body: unknown): string {
  if (typeof body === 'string' && body.trim() !== '') return body;
  throw new DomainError(ErrorCodes.ValidationFailed, 'empty XML body', [
    { path: 'body', message: 'expected an XML document' },
  ]);
}

/**
 * The stories a request body carries, each still as sent (canonical JSON) or mapped onto the canonical
 * shape (other formats); validation and cleaning come next, the same for all. XML is checked for
 * DOCTYPE/entities and well-formedness before any parser reads it.
 */
export function storiesOf(format: Format, body: unknown, feedUrl?: string): unknown[] {
  switch (format) {
    case 'canonical':
      return [body];
    case 'ninjs':
      return [fromNinjs(refuseOperators(body))];
    case 'newsml':
      return [fromNewsml(xmlText(body))];
    case 'feed':
      return fromFeed(xmlText(body), feedUrl);
  }
}
