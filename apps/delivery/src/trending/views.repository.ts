import { Inject, Injectable } from '@nestjs/common';
import { MONGO_CONNECTION } from '@broadsheet/persistence';
import { Collection, Connection } from 'mongoose';

export const HOUR_MS = 3_600_000;

/** Reads of one article in one clock hour: the bucket a read increments. */
interface ViewBucketDoc {
  _id: string;
  articleId: string;
  hour: Date;
  count: number;
}

/** The start of the clock hour `at` falls in. */
export function hourOf(at: number): Date {
  return new Date(Math.floor(at / HOUR_MS) * HOUR_MS);
}

/** Hourly read counters in the `views` collection. */
@Injectable()
export class ViewsRepository {
  private readonly views: Collection<ViewBucketDoc>;
  private indexed?: Promise<unknown>;

  constructor(@Inject(MONGO_CONNECTION) connection: Connection) {
    this.views = connection.collection<ViewBucketDoc>('views');
  }

  /** Adds counted reads: one `$inc` per article and hour, however many reads it sums. */
  async add(counts: Map<string, number>, hour: Date): Promise<void> {
    if (!counts.size) return;
    await this.ensureIndexes();
    const ops = [...counts].map(([articleId, n]) => ({
      updateOne: {
        filter: { _id: `${hour.getTime()}:${articleId}` },
        update: { $inc: { count: n }, $setOnInsert: { articleId, hour } },
        upsert: true,
      },
    }));
    await this.views.bulkWrite(ops, { ordered: false });
  }

  /** Reads per article over the buckets since `since`, most read first. */
  async mostRead(since: Date, limit: number): Promise<Array<{ articleId: string; views: number }>> {
    const rows = await this.views
      .aggregate<{ _id: string; views: number }>([
        { $match: { hour: { $gte: since } } },
        { $group: { _id: '$articleId', views: { $sum: '$count' } } },
        { $sort: { views: -1, _id: 1 } },
        { $limit: limit },
      ])
      .toArray();
    return rows.map((r) => ({ articleId: r._id, views: r.views }));
  }

  private ensureIndexes(): Promise<unknown> {
    // Buckets older than two days serve no 24-hour window: the store expires them.
    this.indexed ??= Promise.all([this.views.createIndex({ hour: 1 }, { expireAfterSeconds: 2 * 24 * 3600 })]).catch(
      (error: unknown) => {
        this.indexed = undefined;
        throw error;
      },
    );
    return this.indexed;
  }
}
