import { mongo } from 'mongoose';

/** Mongo's answer when a collection does not exist yet. */
const NAMESPACE_NOT_FOUND = 26;

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
    if ((error as { code?: unknown }).code !== NAMESPACE_NOT_FOUND) throw error;
  }
}
