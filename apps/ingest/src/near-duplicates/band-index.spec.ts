import { BandIndex } from './band-index';
import { bands, signature } from './minhash';

describe('BandIndex', () => {
  const text = 'Heavy snow closed the Salang pass on Sunday, stranding hundreds of trucks on both sides of the tunnel.';
  const story = (articleKey: string, words: string) => ({ articleKey, signature: signature(words) });

  it('finds only fingerprints sharing a band, each once, never the story itself', () => {
    const index = new BandIndex();
    const same = story('a:1', text);
    const rewrite = story('b:1', text.replace('Heavy snow', 'Snow'));
    const other = story('c:1', 'Afghanistan beat Ireland by six wickets in Abu Dhabi on Sunday.');
    for (const s of [same, rewrite, other]) index.add(s);
    const found = index.sharing(bands(same.signature), 'a:1').map((f) => f.articleKey);
    expect(found).toEqual(['b:1']);
    expect(index.sharing(bands(other.signature), 'x:1').map((f) => f.articleKey)).toEqual(['c:1']);
  });

  it('finds nothing for a story without words', () => {
    const index = new BandIndex();
    index.add(story('a:1', text));
    expect(index.sharing(bands([]), 'x:1')).toEqual([]);
  });
});
