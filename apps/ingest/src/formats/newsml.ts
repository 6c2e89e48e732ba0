import { compact, MappedStory } from './mapped';
import { nitfParts } from './nitf';
import { categoryFromSubjects, Subject, tagsFromSubjects } from './subjects';
import { attr, child, childrenOf, children, find, parseXml, textOf, toHtml, XmlNode } from './xml';
import { pubStatusOf, versionOf } from '../submissions/wire-status';

const clean = (n: XmlNode | undefined): string | undefined => textOf(n).replace(/\s+/g, ' ').trim() || undefined;

/** The body of the first `inlineXML`, XHTML or NITF, as HTML, with NITF's own dateline and byline. */
function content(item: XmlNode): { html?: string; dateline?: string; byline?: string } {
  const inline = find(childrenOf(item), 'inlineXML');
  if (!inline) return {};
  if (/nitf/i.test(attr(inline, 'contenttype') ?? '') || find(childrenOf(inline), 'nitf')) {
    const parts = nitfParts(childrenOf(inline));
    return { html: parts.bodyHtml, dateline: parts.dateline, byline: parts.byline };
  }
  const body = find(childrenOf(inline), 'body');
  return { html: toHtml(body ? childrenOf(body) : childrenOf(inline)).trim() };
}

/** The dateline leads the first paragraph, as agencies print it ("KABUL, Nov 30 (Agency) —"). */
function withDateline(html: string | undefined, dateline: string | undefined): string | undefined {
  if (!html || !dateline) return html;
  const lead = `<strong>${dateline.replace(/[&<>]/g, '')}</strong> `;
  return html.startsWith('<p>') ? `<p>${lead}${html.slice(3)}` : `<p>${lead}</p>${html}`;
}

function subjects(meta: XmlNode | undefined): Subject[] {
  return children(meta, 'subject').map((s) => ({
    code: attr(s, 'qcode'),
    uri: attr(s, 'uri'),
    name: clean(child(s, 'name')),
  }));
}

/**
 * A NewsML-G2 newsItem (alone or inside a newsMessage) onto the canonical submission: `guid` is the
 * external id, contentMeta gives headline, slugline, subjects, by, dateline and language, `inlineXML` the body.
 */
export function fromNewsml(xml: string): MappedStory {
  const item = find(parseXml(xml), 'newsItem');
  if (!item) return {};
  const itemMeta = child(item, 'itemMeta');
  const meta = child(item, 'contentMeta');
  const subs = subjects(meta);
  const body = content(item);
  const by = clean(child(meta, 'by')) ?? clean(child(child(meta, 'creator'), 'name')) ?? body.byline;
  const slugline = clean(child(meta, 'slugline'));
  const description =
    children(meta, 'description').find((d) => /summary/.test(attr(d, 'role') ?? '')) ?? child(meta, 'description');
  return compact({
    externalId: attr(item, 'guid'),
    headline: clean(child(meta, 'headline')),
    summary: clean(description),
    body: withDateline(body.html, clean(child(meta, 'dateline')) ?? body.dateline),
    bylines: by ? [by] : undefined,
    category: categoryFromSubjects(subs),
    tags: [...(slugline ? [slugline] : []), ...tagsFromSubjects(subs)],
    language: attr(child(meta, 'language') ?? {}, 'tag') ?? attr(item, 'xml:lang') ?? attr(item, 'lang'),
    publishedAt:
      clean(child(itemMeta, 'firstCreated')) ??
      clean(child(meta, 'contentCreated')) ??
      clean(child(itemMeta, 'versionCreated')),
    version: versionOf(attr(item, 'version')),
    pubStatus: pubStatusOf(attr(child(itemMeta, 'pubStatus') ?? {}, 'qcode')),
  });
}
