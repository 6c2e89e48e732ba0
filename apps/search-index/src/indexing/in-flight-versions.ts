/**
 * The versions carried by writes Meilisearch has accepted but not applied yet. The order guard counts
 * them as held: a stale event replayed while a newer version is still queued must not be written after it.
 */
export class InFlightVersions {
  private readonly versions = new Map<string, number[]>();

  /** The highest version in flight per id (take it BEFORE reading the index: a write may land meanwhile). */
  snapshot(ids: string[]): Map<string, number> {
    const held = new Map<string, number>();
    for (const id of ids) {
      const versions = this.versions.get(id);
      if (versions) held.set(id, Math.max(...versions));
    }
    return held;
  }

  /** Counts these versions as held until the returned release is called (once their write settled). */
  hold(entries: Array<{ id: string; version: number }>): () => void {
    for (const { id, version } of entries) this.versions.set(id, [...(this.versions.get(id) ?? []), version]);
    return () => {
      for (const { id, version } of entries) {
        const left = [...(this.versions.get(id) ?? [])];
        const at = left.indexOf(version);
        if (at >= 0) left.splice(at, 1);
        if (left.length > 0) this.versions.set(id, left);
        else this.versions.delete(id);
      }
    };
  }
}

/** The higher of two held versions per id. */
export function mergeHeld(a: Map<string, number>, b: Map<string, number>): Map<string, number> {
  const merged = new Map(a);
  for (const [id, version] of b) merged.set(id, Math.max(version, merged.get(id) ?? 0));
  return merged;
}
