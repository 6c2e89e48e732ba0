import { signature, similarity } from './minhash';
import { DUPLICATE_THRESHOLD } from './near-duplicates';

export interface Scored {
  similarity: number;
  duplicate: boolean;
}

export interface Quality {
  pairs: number;
  precision: number;
  recall: number;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
}

/** Each labelled pair's MinHash similarity. */
export function score(pairs: ReadonlyArray<{ a: string; b: string; duplicate: boolean }>, language = 'en'): Scored[] {
  return pairs.map((p) => ({
    similarity: similarity(signature(p.a, language), signature(p.b, language)),
    duplicate: p.duplicate,
  }));
}

/** Precision and recall of flagging pairs at or above `threshold`. */
export function quality(scored: readonly Scored[], threshold = DUPLICATE_THRESHOLD): Quality {
  const flagged = (s: Scored) => s.similarity >= threshold;
  const truePositives = scored.filter((s) => flagged(s) && s.duplicate).length;
  const falsePositives = scored.filter((s) => flagged(s) && !s.duplicate).length;
  const falseNegatives = scored.filter((s) => !flagged(s) && s.duplicate).length;
  return {
    pairs: scored.length,
    precision: truePositives / Math.max(1, truePositives + falsePositives),
    recall: truePositives / Math.max(1, truePositives + falseNegatives),
    truePositives,
    falsePositives,
    falseNegatives,
  };
}
