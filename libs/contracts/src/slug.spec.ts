import { slugify } from './slug';

describe('slugify', () => {
  it('makes lower-case kebab slugs without accents or punctuation', () => {
    expect(slugify('Café owners  protest: “new” taxes!')).toBe('cafe-owners-protest-new-taxes');
  });

  it('keeps letters of other scripts, so Dari headlines get readable slugs', () => {
    expect(slugify('پارلمان بودجه را تصویب کرد')).toBe('پارلمان-بودجه-را-تصویب-کرد');
    expect(slugify('آب و برق')).toBe('اب-و-برق');
  });

  it('cuts long text at a word boundary-free length without a trailing hyphen', () => {
    const slug = slugify('a '.repeat(100), 9);
    expect(slug).toBe('a-a-a-a-a');
    expect(slug.endsWith('-')).toBe(false);
  });
});
