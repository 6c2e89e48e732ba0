import { signature } from './minhash';
import { RecentIndex } from './recent-index';

describe('RecentIndex', () => {
  const text = 'Heavy snow closed the Salang pass on Sunday, stranding hundreds of trucks on both sides of the tunnel.';
  const rewrite = text.replace('Heavy snow', 'Snow');
  const other = 'Afghanistan beat Ireland by six wickets in Abu Dhabi on Sunday.';
  /** Every story sharing a band (threshold 0), whatever its similarity. */
  const keys = (index: RecentIndex, words: string, except = 'x:1') =>
    index.similar(signature(words), except, 0).map((f) => f.articleKey);

  it('finds only fingerprints sharing a band, each once, never the story itself', () => {
    const index = new RecentIndex(10);
    index.add('a:1', signature(text), 1);
    index.add('b:1', signature(rewrite), 2);
    index.add('c:1', signature(other), 3);
    expect(keys(index, text, 'a:1')).toEqual(['b:1']);
    expect(keys(index, other)).toEqual(['c:1']);
    expect(keys(index, '... !!!')).toEqual([]);
  });

  it('answers the stories at or over the threshold, each once, with their similarity', () => {
    const index = new RecentIndex(10);
    index.add('a:1', signature(text), 1);
    index.add('b:1', signature(rewrite), 2);
    index.add('c:1', signature(other), 3);
    const found = index.similar(signature(text), 'x:1');
    expect(found.map((d) => d.articleKey).sort()).toEqual(['a:1', 'b:1']);
    expect(found.find((d) => d.articleKey === 'a:1')?.similarity).toBe(1);
    expect(found.find((d) => d.articleKey === 'b:1')?.similarity).toBeGreaterThanOrEqual(0.3);
    expect(index.similar(signature(text), 'x:1', 1).map((d) => d.articleKey)).toEqual(['a:1']);
  });

  it('holds one fingerprint per story: a newer version replaces it, an older one is ignored', () => {
    const index = new RecentIndex(10);
    index.add('a:1', signature(text), 5);
    index.add('a:1', signature(other), 6);
    expect(index.size).toBe(1);
    expect(keys(index, text)).toEqual([]);
    expect(keys(index, other)).toEqual(['a:1']);
    index.add('a:1', signature(text), 4);
    expect(keys(index, other)).toEqual(['a:1']);
    index.add('a:1', [], 7);
    expect(index.size).toBe(0);
  });

  it('lets the longest held go beyond its capacity, and drops those older than a time', () => {
    const index = new RecentIndex(2);
    index.add('a:1', signature(text), 1);
    index.add('b:1', signature(rewrite), 2);
    index.add('c:1', signature(other), 3);
    expect(index.size).toBe(2);
    expect(keys(index, text)).toEqual(['b:1']);
    index.expire(3);
    expect(keys(index, text)).toEqual([]);
    expect(keys(index, other)).toEqual(['c:1']);
  });

  it('stops looking up a band crowded by boilerplate, and looks it up again once its stories are gone', () => {
    const index = new RecentIndex(100, 3);
    const sig = signature(text);
    for (let i = 0; i < 4; i++) index.add(`s:${i}`, sig, i);
    expect(index.similar(sig, 'x:1', 0)).toEqual([]);
    for (let i = 0; i < 4; i++) index.expire(i + 1);
    index.add('t:1', sig, 10);
    expect(keys(index, text)).toEqual(['t:1']);
  });

  it('keeps finding a rewrite through its other bands when one band is crowded', () => {
    const index = new RecentIndex(100, 1);
    const sig = signature(text);
    // Two unrelated stories hold exactly the original's first band, which crowds it.
    const boilerplate = (i: number) => [sig[0]!, sig[1]!, ...Array.from({ length: 62 }, (_, k) => i * 100 + k)];
    index.add('bp:0', boilerplate(0), 0);
    index.add('bp:1', boilerplate(1), 1);
    expect(keys(index, text)).toEqual([]);
    index.add('b:1', signature(rewrite), 5);
    expect(keys(index, text)).toEqual(['b:1']);
  });
});
