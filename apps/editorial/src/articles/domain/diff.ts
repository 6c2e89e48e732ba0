import { htmlToText } from '@broadsheet/contracts';
import { diffArrays, diffWords } from 'diff';
import { ArticleContent } from './article';

/** A run of words: kept, added or removed. */
export interface WordPart {
  op: 'same' | 'added' | 'removed';
  text: string;
}

/** One paragraph of the body in a diff: unchanged, added, removed, or changed word by word. */
export interface ParagraphDiff {
  op: 'same' | 'added' | 'removed' | 'changed';
  parts: WordPart[];
}

export interface TextFieldDiff {
  before: string;
  after: string;
  parts: WordPart[];
}

export interface ContentDiff {
  /** Names of the fields that differ. */
  changed: string[];
  headline?: TextFieldDiff;
  summary?: TextFieldDiff;
  category?: TextFieldDiff;
  tags?: { added: string[]; removed: string[] };
  body?: ParagraphDiff[];
}

/** Where one paragraph-like block ends in sanitized HTML. */
const blockEnd = /<\/(?:p|h[1-6]|li|blockquote|pre|figcaption|td|th|tr|table|ul|ol)>|<br\s*\/?>|<hr\s*\/?>/gi;

/** The body as an editor reads it: the text of each paragraph, no markup. */
export function paragraphs(html: string): string[] {
  return html
    .split(blockEnd)
    .map((block) => htmlToText(block))
    .filter((text) => text !== '');
}

function words(before: string, after: string): WordPart[] {
  return diffWords(before, after).map((c) => ({
    op: c.added ? 'added' : c.removed ? 'removed' : 'same',
    text: c.value,
  }));
}

function textField(before = '', after = ''): TextFieldDiff | undefined {
  return before === after ? undefined : { before, after, parts: words(before, after) };
}

/**
 * The body diff: paragraphs aligned as a sequence, and a removed paragraph facing an added one
 * compared word by word, so an edited sentence reads as the words that changed in it.
 */
export function bodyDiff(before: string, after: string): ParagraphDiff[] | undefined {
  if (before === after) return undefined;
  const out: ParagraphDiff[] = [];
  let removed: string[] = [];
  const flush = (added: string[]): void => {
    const paired = Math.min(removed.length, added.length);
    for (let i = 0; i < paired; i += 1) out.push({ op: 'changed', parts: words(removed[i]!, added[i]!) });
    for (const text of removed.slice(paired)) out.push({ op: 'removed', parts: [{ op: 'removed', text }] });
    for (const text of added.slice(paired)) out.push({ op: 'added', parts: [{ op: 'added', text }] });
    removed = [];
  };
  for (const chunk of diffArrays(paragraphs(before), paragraphs(after))) {
    if (chunk.removed) removed.push(...chunk.value);
    else if (chunk.added) flush(chunk.value);
    else {
      flush([]);
      out.push(...chunk.value.map((text) => ({ op: 'same' as const, parts: [{ op: 'same' as const, text }] })));
    }
  }
  flush([]);
  return out;
}

/** Field by field: headline, summary, category, tags and body, only those that differ. */
export function contentDiff(before: ArticleContent, after: ArticleContent): ContentDiff {
  const tagsAdded = after.tags.filter((t) => !before.tags.includes(t));
  const tagsRemoved = before.tags.filter((t) => !after.tags.includes(t));
  const diff: ContentDiff = {
    changed: [],
    headline: textField(before.headline, after.headline),
    summary: textField(before.summary, after.summary),
    category: textField(before.categoryLabel, after.categoryLabel),
    tags: tagsAdded.length || tagsRemoved.length ? { added: tagsAdded, removed: tagsRemoved } : undefined,
    body: bodyDiff(before.body, after.body),
  };
  diff.changed = (['headline', 'summary', 'category', 'tags', 'body'] as const).filter((f) => diff[f] !== undefined);
  return diff;
}
