/**
 * MinHash over word shingles: two stories' signatures agree in about the share of positions that their
 * shingle sets overlap (Jaccard similarity), so a second agency's rewrite of a story scores high and
 * another story on the same topic, sharing words but few word sequences, scores low.
 */

/** Signature length: 64 hashes estimate Jaccard within about ±0.06. */
export const SIGNATURE_SIZE = 64;
/** Bands of 2 rows for lookup: stories sharing any band are compared (a pair at 0.3 Jaccard is found 95% of the time). */
export const BAND_ROWS = 2;
/** Words per shingle: pairs of words keep order without making one changed word cost three shingles. */
const SHINGLE_WORDS = 2;

const segmenters = new Map<string, Intl.Segmenter>();

function segmenter(language: string): Intl.Segmenter {
  let s = segmenters.get(language);
  if (!s) {
    // Intl knows where words end in scripts without spaces (Thai, Chinese) and keeps ZWNJ-joined Persian words whole.
    s = new Intl.Segmenter(Intl.Segmenter.supportedLocalesOf([language]).length > 0 ? language : 'en', {
      granularity: 'word',
    });
    segmenters.set(language, s);
  }
  return s;
}

/** Languages written without spaces between words: only these need a dictionary-based segmenter. */
const unspaced = /^(th|lo|km|my|zh|ja|bo)(-|$)/i;

/** A run of letters, marks and digits; ZWNJ/ZWJ stay inside a word (Persian می‌گویند is one word). */
const wordRun = /[\p{L}\p{M}\p{N}\u200c\u200d]+/gu;

/**
 * Words of a text, case- and width-folded, punctuation dropped. Scripts that separate words with spaces
 * split on letter runs (fast); Thai, Chinese, Japanese and the like go through Intl.Segmenter.
 */
export function words(text: string, language = 'en'): string[] {
  const folded = text.normalize('NFKC').toLocaleLowerCase();
  if (!unspaced.test(language)) return folded.match(wordRun) ?? [];
  const out: string[] = [];
  for (const part of segmenter(language).segment(folded)) {
    if (part.isWordLike) out.push(part.segment);
  }
  return out;
}

/** FNV-1a, 32 bits, continued from `h` over `text` (so the hash of "a b" is built word by word, unjoined). */
function fnvFrom(h: number, text: string): number {
  let x = h;
  for (let i = 0; i < text.length; i++) x = Math.imul(x ^ text.charCodeAt(i), 0x01000193);
  return x >>> 0;
}

const FNV_OFFSET = 0x811c9dc5;
const SPACE = ' ';

/** FNV-1a, 32 bits. */
function fnv(text: string): number {
  return fnvFrom(FNV_OFFSET, text);
}

/**
 * The FNV hash of each shingle (SHINGLE_WORDS words joined by a space; a lone word when there are fewer),
 * computed without building the joined strings: a story's fingerprint is made for every submission.
 * A repeated shingle hashes the same, so repeats change no minimum.
 */
function shingleHashes(tokens: string[]): Uint32Array {
  if (tokens.length < SHINGLE_WORDS) return Uint32Array.from(new Set(tokens), fnv);
  const out = new Uint32Array(tokens.length - SHINGLE_WORDS + 1);
  for (let i = 0; i < out.length; i++) {
    let h = fnvFrom(FNV_OFFSET, tokens[i]!);
    for (let k = 1; k < SHINGLE_WORDS; k++) h = fnvFrom(fnvFrom(h, SPACE), tokens[i + k]!);
    out[i] = h;
  }
  return out;
}

/** murmur3's finalizer: spreads a seed-mixed hash into an independent-looking permutation. */
function mix(x: number): number {
  let h = x;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

const seeds = Array.from({ length: SIGNATURE_SIZE }, (_, i) => mix(0x9e3779b9 + i * 0x632be5ab));

/** The MinHash signature of a text; empty when the text has no words. */
export function signature(text: string, language = 'en'): number[] {
  const hashes = shingleHashes(words(text, language));
  if (hashes.length === 0) return [];
  const mins = new Uint32Array(SIGNATURE_SIZE).fill(0xffffffff);
  for (let s = 0; s < SIGNATURE_SIZE; s++) {
    const seed = seeds[s]!;
    let min = 0xffffffff;
    for (let i = 0; i < hashes.length; i++) {
      const v = mix(hashes[i]! ^ seed);
      if (v < min) min = v;
    }
    mins[s] = min;
  }
  return Array.from(mins);
}

/** Estimated Jaccard similarity of two signatures (0 when either is empty), rounded to 2 places. */
export function similarity(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length === 0 || a.length !== b.length) return 0;
  let same = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === b[i]) same++;
  return Math.round((same / a.length) * 100) / 100;
}

/**
 * Lookup keys: one per band of BAND_ROWS hashes, the band's number mixed in so that equal rows in different
 * bands are different keys. 32-bit signed integers: V8 keeps them unboxed in maps and arrays.
 */
export function bandKeys(sig: ArrayLike<number>): number[] {
  const out: number[] = [];
  for (let i = 0; i + BAND_ROWS <= sig.length; i += BAND_ROWS) {
    let h = seeds[i / BAND_ROWS]!;
    for (let r = 0; r < BAND_ROWS; r++) h = mix(h ^ sig[i + r]!);
    out.push(h | 0);
  }
  return out;
}
