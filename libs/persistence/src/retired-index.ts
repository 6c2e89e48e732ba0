import { mongo } from 'mongoose';

/** Mongo's answers when there is nothing to drop: no such collection yet, or no such index (any more). */
const NOTHING_TO_DROP = new Set([26, 27]);

/**
 * Drops an index an earlier release declared and this one no longer does, where it still exists:
 * mongoose creates the indexes a schema declares but never removes one, and every index is paid on
 * every write (on FerretDB/DocumentDB, a RUM index entry with its own WAL).
 */
export async function dropRetiredIndex(
  collection: Pick<mongo.Collection, 'indexExists' | 'dropIndex'>,
  name: string,
): Promise<void> {
  try {
    if (await collection.indexExists(name)) await collection.dropIndex(name);
  } catch (error) {
    // Another replica starting at the same time may drop it between the check and the drop.
    if (!NOTHING_TO_DROP.has((error as { code?: number }).code ?? 0)) throw error;
  }
}
