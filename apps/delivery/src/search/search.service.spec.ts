import { filterOf } from './search.service';

describe('search filters', () => {
  it('quotes filter values so an injected operator stays a literal', () => {
    const filter = filterOf({ category: 'news" OR visible = false', tag: undefined, from: undefined, to: undefined });
    expect(filter).toEqual(['visible = true', 'category = "news\\" OR visible = false"']);
  });
});
