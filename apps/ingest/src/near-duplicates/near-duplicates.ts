import { PossibleDuplicate } from '@broadsheet/contracts';
import { similarity } from './minhash';

/**
 * Similarity from which a story is flagged as a possible duplicate. Chosen on the labelled pair set
 * (test/fixtures/ingest/near-duplicates): another agency's rewrites scored 0.19–1, different stories on
 * the same topic at most 0.09, so 0.3 keeps a wide margin over the negatives and flags a possible
 * duplicate (an editor decides); `npm run bench` prints precision and recall at this threshold.
 */
export const DUPLICATE_THRESHOLD = 0.3;

/**
 * How far back a story is compared: 72 hours. Agencies re-send and rewrite a story within hours, at most
 * over a weekend; older stories on the same subject are follow-ups, not duplicates, and a bounded window
 * keeps the lookup to a few thousand recent fingerprints.
 */
export const DUPLICATE_WINDOW_MS = 72 * 60 * 60 * 1000;

export interface Fingerprinted {
  articleKey: string;
  signature: ArrayLike<number>;
}

/** The candidates that this signature nearly repeats, most similar first, at most ten. */
export function possibleDuplicates(
  sig: readonly number[],
  candidates: readonly Fingerprinted[],
  threshold = DUPLICATE_THRESHOLD,
): PossibleDuplicate[] {
  return mostSimilar(
    candidates
      .map((c) => ({ articleKey: c.articleKey, similarity: similarity(sig, c.signature) }))
      .filter((d) => d.similarity >= threshold),
  );
}

/** What goes on a story's `possibleDuplicateOf`: the ten most similar, the most similar first. */
export function mostSimilar(found: readonly PossibleDuplicate[]): PossibleDuplicate[] {
  return [...found]
    .sort((a, b) => b.similarity - a.similarity || a.articleKey.localeCompare(b.articleKey))
    .slice(0, 10);
}
