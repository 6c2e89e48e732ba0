import { balancedQuotes, filterOf } from './search.service';

describe('search filters', () => {
  it('quotes filter values so an injected operator stays a literal', () => {
    const filter = filterOf({ category: 'news" OR visible = false', tag: undefined, from: undefined, to: undefined });
    expect(filter).toEqual(['visible = true', 'category = "news\\" OR visible = false"']);
  });
});

describe('query quotes', () => {
  it('keeps phrases, and drops an unclosed quote so the rest stays words', () => {
    expect(balancedQuotes('"mobile money" fees')).toBe('"mobile money" fees');
    expect(balancedQuotes('budget" OR visible = false')).toBe('budget  OR visible = false');
    expect(balancedQuotes('"a" "b" "c')).toBe('"a" "b"  c');
  });
});
