import { labelledPairs } from './labelled-pairs';
import { quality, score } from './evaluate';
import { bandKeys, signature, similarity, words } from './minhash';
import { possibleDuplicates } from './near-duplicates';

describe('near-duplicates', () => {
  it('finds another agency’s rewrites and leaves same-topic stories alone on the labelled pair set', () => {
    const pairs = labelledPairs();
    expect(pairs.length).toBeGreaterThanOrEqual(200);
    expect(pairs.filter((p) => !p.duplicate).length).toBeGreaterThanOrEqual(100);
    const q = quality(score(pairs));
    expect(q.precision).toBeGreaterThanOrEqual(0.95);
    expect(q.recall).toBeGreaterThanOrEqual(0.9);
  });

  it('tokenizes by language, keeping a Persian word joined by ZWNJ whole', () => {
    expect(words('مردم می‌گویند که بازار باز است', 'fa')).toContain('می‌گویند');
    expect(words('Kabul, Monday: markets REOPEN.')).toEqual(['kabul', 'monday', 'markets', 'reopen']);
  });

  it('gives identical texts similarity 1, a text without words no signature, and shares a band between close texts', () => {
    const text = 'Heavy snow kept the Salang tunnel closed for a second day on Monday, stranding hundreds of lorries.';
    expect(similarity(signature(text), signature(text))).toBe(1);
    expect(signature('... !!!')).toEqual([]);
    const close = signature(text.replace('Heavy snow', 'Snow'));
    expect(bandKeys(close).some((b) => bandKeys(signature(text)).includes(b))).toBe(true);
  });

  it('lists the candidates over the threshold, most similar first, at most ten', () => {
    const sig = signature(
      'Flash floods swept through villages along the Hari Rud river in Herat province on Sunday night.',
    );
    const candidates = [
      {
        articleKey: 'b:2',
        signature: signature('Flash floods swept through villages along the Hari Rud river in Herat on Sunday.'),
      },
      { articleKey: 'a:1', signature: sig },
      { articleKey: 'c:3', signature: signature('Afghanistan beat Ireland by six wickets in Abu Dhabi on Sunday.') },
    ];
    const found = possibleDuplicates(sig, candidates);
    expect(found.map((d) => d.articleKey)).toEqual(['a:1', 'b:2']);
    expect(found[0]!.similarity).toBe(1);
  });
});
