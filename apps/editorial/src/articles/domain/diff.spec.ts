import { anArticle } from '../../../test/an-article';
import { bodyDiff, contentDiff } from './diff';
import { readableSlug } from './slug';

describe('revision diffs', () => {
  it('compares the body by words inside paragraphs, not by HTML lines', () => {
    const before = '<p>The lower house approved the budget shortly after dawn.</p><p>Debate lasted all night.</p>';
    const after =
      '<p>The lower house <em>narrowly</em> approved the budget after dawn.</p><p>Debate lasted all night.</p><p>A new paragraph.</p>';
    const diff = bodyDiff(before, after)!;
    expect(diff.map((p) => p.op)).toEqual(['changed', 'same', 'added']);
    expect(diff[0]!.parts.filter((p) => p.op !== 'same').map((p) => `${p.op}:${p.text.trim()}`)).toEqual([
      'added:narrowly',
      'removed:shortly',
    ]);
    expect(JSON.stringify(diff)).not.toContain('<');
  });

  it('names only the fields that changed: headline, summary, category, tags, body', () => {
    const a = anArticle();
    const diff = contentDiff(a, { ...a, headline: 'Court names two witnesses', tags: ['court', 'trial'] });
    expect(diff.changed).toEqual(['headline', 'tags']);
    expect(diff.tags).toEqual({ added: ['trial'], removed: [] });
    expect(diff.headline?.parts.map((p) => p.op)).toContain('added');
  });
});

describe('slugs', () => {
  it('transliterates Cyrillic and Arabic script, and falls back to a stable id slug', () => {
    expect(readableSlug('Москва принимает бюджет', 'abcdef123')).toBe('moskva-prinimaet-byudzhet');
    expect(readableSlug('کابل میزبان نشست صلح است', 'abcdef123')).toMatch(/^[a-z0-9]+(-[a-z0-9]+)+$/);
    expect(readableSlug('🎉🎉', 'abcdef123')).toBe('article-abcdef12');
  });
});
