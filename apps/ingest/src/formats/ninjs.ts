import { SubmissionInput } from '@broadsheet/contracts';
import { absoluteUrl, compact, withoutEmpty, isJson, Json, list, MappedStory, str } from './mapped';
import { nitfToHtml } from './nitf';
import { categoryFromSubjects, Subject, tagsFromSubjects } from './subjects';
import { pubStatusOf, versionOf } from '../submissions/wire-status';

type Image = NonNullable<SubmissionInput['images']>[number];

/** One of ninjs 2.x/3.x's role-tagged lists (`headlines`, `bodies`, `descriptions`): the main one, else the first. */
function pick(items: Json[], prefer = ['main', 'summary']): Json | undefined {
  return items.find((i) => prefer.includes(String(i.role))) ?? items[0];
}

const typeOf = (o: Json | undefined): string => str(o, 'contenttype', 'contentType') ?? 'text/html';

/** A body in HTML, XHTML or NITF, as HTML. */
function asHtml(value: string | undefined, contentType: string): string | undefined {
  if (!value) return undefined;
  return /nitf/i.test(contentType) ? nitfToHtml(value) : value;
}

function body(doc: Json): string | undefined {
  const bodies = list(doc.bodies);
  if (bodies.length > 0) {
    const main = pick(bodies);
    return asHtml(str(main, 'value'), typeOf(main));
  }
  // 1.x: one field per flavour.
  return str(doc, 'body_html', 'body_xhtml') ?? asHtml(str(doc, 'body_nitf'), 'application/nitf+xml');
}

function subjects(doc: Json): Subject[] {
  // 1.x: `subject` with code and scheme; 2.x/3.x: `subjects` with a URI.
  const v1 = list(doc.subject).map((s) => {
    const code = str(s, 'code');
    const scheme = str(s, 'scheme');
    return { name: str(s, 'name'), code, uri: code && scheme ? `${scheme.replace(/\/?$/, '/')}${code}` : undefined };
  });
  const v2 = list(doc.subjects).map((s) => ({
    name: str(s, 'name', 'literal'),
    uri: str(s, 'uri'),
    code: str(s, 'code'),
  }));
  return [...v1, ...v2];
}

/** The rendition to show: the original or largest with an http(s) address (1.x keys them by name, 2.x/3.x list them). */
function bestRendition(renditions: unknown): string | undefined {
  const all: Json[] = Array.isArray(renditions)
    ? list(renditions)
    : isJson(renditions)
      ? Object.entries(renditions).flatMap(([name, r]) => (isJson(r) ? [{ name, ...r }] : []))
      : [];
  const usable = all.filter((r) => absoluteUrl(str(r, 'href')));
  const named = usable.find((r) => ['original', 'baseImage', 'viewImage'].includes(String(r.name)));
  const largest = [...usable].sort((a, b) => Number(b.width ?? 0) - Number(a.width ?? 0))[0];
  return absoluteUrl(str(named ?? largest, 'href'));
}

function text(o: Json, v1Keys: string[], listKey: string): string | undefined {
  return str(o, ...v1Keys) ?? str(pick(list(o[listKey])), 'value');
}

/** Pictures among the associations, each with its caption (description), alt (headline) and credit. */
function images(doc: Json): Image[] {
  const assoc = Array.isArray(doc.associations)
    ? list(doc.associations)
    : isJson(doc.associations)
      ? Object.values(doc.associations).filter(isJson)
      : [];
  return assoc
    .filter((a) => ['picture', 'graphic'].includes(String(a.type)))
    .flatMap((a) => {
      const url = bestRendition(a.renditions);
      if (!url) return [];
      return [
        withoutEmpty({
          url,
          alt: text(a, ['headline'], 'headlines'),
          caption: text(a, ['description_text', 'description_html'], 'descriptions'),
          credit: str(a, 'byline', 'by', 'copyrightholder', 'copyrightHolder'),
        }),
      ];
    });
}

/**
 * IPTC ninjs 1.x, 2.x and 3.x onto the canonical submission. The generations differ in spelling
 * (1.x `body_html`, 2.x `bodies`, 3.x camelCase `versionCreated`), so each field reads every spelling.
 */
export function fromNinjs(doc: unknown): MappedStory {
  if (!isJson(doc)) return {};
  const subs = subjects(doc);
  const keywords = Array.isArray(doc.keywords) ? doc.keywords.filter((k): k is string => typeof k === 'string') : [];
  const byline = str(doc, 'byline', 'by');
  return compact({
    externalId: str(doc, 'uri', 'guid'),
    headline: text(doc, ['headline'], 'headlines'),
    summary: text(doc, ['description_text', 'description_html'], 'descriptions'),
    body: body(doc),
    bylines: byline ? [byline] : undefined,
    category: categoryFromSubjects(subs),
    tags: [...keywords, ...tagsFromSubjects(subs)],
    language: str(doc, 'language'),
    publishedAt: str(doc, 'firstcreated', 'firstCreated', 'contentCreated', 'versioncreated', 'versionCreated'),
    images: images(doc),
    version: versionOf(doc.version),
    pubStatus: pubStatusOf(doc.pubstatus ?? doc.pubStatus),
  });
}
