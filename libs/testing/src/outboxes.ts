import { mongo } from 'mongoose';
import { waitFor } from '../../../tools/platform/wait';

/**
 * Waits until no document of these collections has outbox entries pending, looking into the store:
 * after that the relays have nothing left to send, so what the topics hold is final.
 */
export async function outboxesDrained(mongoUrl: string, dbName: string, collections: string[]): Promise<void> {
  const store = await mongo.MongoClient.connect(mongoUrl);
  try {
    const db = store.db(dbName);
    const pending = async (): Promise<number> =>
      (await Promise.all(collections.map((c) => db.collection(c).countDocuments({ outboxPending: true })))).reduce(
        (a, b) => a + b,
        0,
      );
    await waitFor(async () => ((await pending()) === 0 ? true : undefined), `the outboxes of ${dbName} to drain`);
  } finally {
    await store.close();
  }
}
