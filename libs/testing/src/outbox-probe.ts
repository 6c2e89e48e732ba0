import { mongo } from 'mongoose';
import { PlatformTarget } from '../../../tools/platform/platform';
import { waitFor } from '../../../tools/platform/wait';

/**
 * Waits until editorial's outbox holds no event of the article, looking into its store: after that
 * the relay has nothing left to send, so what the topic holds is final.
 */
export async function editorialOutboxDrained(ctx: PlatformTarget, articleId: string): Promise<void> {
  const store = await mongo.MongoClient.connect(ctx.mongoUrl);
  try {
    const articles = store.db(`${ctx.prefix}editorial`).collection<{ _id: string; outbox?: unknown[] }>('articles');
    await waitFor(
      async () => ((await articles.findOne({ _id: articleId }))?.outbox?.length ? undefined : true),
      `editorial's outbox of ${articleId} to drain`,
    );
  } finally {
    await store.close();
  }
}
