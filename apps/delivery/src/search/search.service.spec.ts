import { filterOf, markup } from './search.service';

describe('search filters and highlights', () => {
  it('quotes filter values so an injected operator stays a literal', () => {
    const filter = filterOf({ category: 'news" OR visible = false', tag: undefined, from: undefined, to: undefined });
    expect(filter).toEqual(['visible = true', 'category = "news\\" OR visible = false"']);
  });

  it('escapes HTML in highlighted text and keeps only the match marks', () => {
    expect(markup('\u0001Kabul\u0002 <script>alert(1)</script>')).toBe(
      '<mark>Kabul</mark> &lt;script&gt;alert(1)&lt;/script&gt;',
    );
  });
});
