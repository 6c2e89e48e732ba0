import { bands } from './minhash';
import { Fingerprinted } from './near-duplicates';

/**
 * Fingerprints by MinHash band, in memory: a batch compares each story only with the candidates that share
 * a band with it (as the store's lookup does for a single story), never with every candidate fetched for
 * its neighbours. Each candidate is listed once, in the order added.
 */
export class BandIndex {
  private readonly byBand = new Map<string, Fingerprinted[]>();

  add(item: Fingerprinted, itemBands: readonly string[] = bands(item.signature)): void {
    for (const band of itemBands) {
      const list = this.byBand.get(band);
      if (list) list.push(item);
      else this.byBand.set(band, [item]);
    }
  }

  /** The fingerprints sharing at least one of these bands, other than `except` itself. */
  sharing(wanted: readonly string[], except: string): Fingerprinted[] {
    const found = new Map<string, Fingerprinted>();
    for (const band of wanted) {
      for (const item of this.byBand.get(band) ?? []) {
        if (item.articleKey !== except && !found.has(item.articleKey)) found.set(item.articleKey, item);
      }
    }
    return [...found.values()];
  }
}
