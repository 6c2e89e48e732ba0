import { Inject, Injectable } from '@nestjs/common';
import { MONGO_CONNECTION } from '@broadsheet/persistence';
import { Collection, Connection } from 'mongoose';
import { PollState, Source, SourceKey } from './source';
import { SOURCES, SourceDoc, sourceSchema } from './source.schema';

const toSource = ({ _id, ...doc }: SourceDoc): Source => ({ id: _id, ...doc, keys: doc.keys ?? [] });

/** The only place that touches the sources collection. */
@Injectable()
export class SourcesRepository {
  private readonly sources: Collection<SourceDoc>;

  constructor(@Inject(MONGO_CONNECTION) connection: Connection) {
    connection.model<SourceDoc>('Source', sourceSchema);
    this.sources = connection.collection<SourceDoc>(SOURCES);
  }

  /** False when a source with this id exists already. */
  async insert({ id, ...fields }: Source): Promise<boolean> {
    try {
      await this.sources.insertOne({ _id: id, ...fields });
      return true;
    } catch (error) {
      if ((error as { code?: unknown }).code === 11000) return false;
      throw error;
    }
  }

  async find(id: string): Promise<Source | null> {
    const doc = await this.sources.findOne({ _id: id });
    return doc ? toSource(doc) : null;
  }

  async list(): Promise<Source[]> {
    return (await this.sources.find({}).sort({ _id: 1 }).limit(1000).toArray()).map(toSource);
  }

  async findByKeyHash(hash: string): Promise<Source | null> {
    const doc = await this.sources.findOne({ 'keys.hash': hash });
    return doc ? toSource(doc) : null;
  }

  /** Changes fields; `pollFrom` (a new feed URL) makes the feed due at once. */
  async update(
    id: string,
    changes: Partial<Omit<Source, 'id' | 'keys' | 'poll'>>,
    pollFrom?: Date,
  ): Promise<Source | null> {
    const set = pollFrom ? { ...changes, 'poll.nextPollAt': pollFrom } : changes;
    const doc = await this.sources.findOneAndUpdate({ _id: id }, { $set: set }, { returnDocument: 'after' });
    return doc ? toSource(doc) : null;
  }

  async addKey(id: string, key: SourceKey, now: Date): Promise<boolean> {
    const r = await this.sources.updateOne({ _id: id }, { $push: { keys: key }, $set: { updatedAt: now } });
    return r.matchedCount === 1;
  }

  async revokeKey(id: string, keyId: string, now: Date): Promise<boolean> {
    const r = await this.sources.updateOne(
      { _id: id, keys: { $elemMatch: { id: keyId, revokedAt: null } } },
      { $set: { 'keys.$.revokedAt': now, updatedAt: now } },
    );
    return r.matchedCount === 1;
  }

  async delete(id: string): Promise<boolean> {
    return (await this.sources.deleteOne({ _id: id })).deletedCount === 1;
  }

  /** Feeds due for a poll, claimed by moving their next poll time (one poller per feed at a time). */
  async claimDue(now: Date, leaseUntil: Date): Promise<Source | null> {
    const doc = await this.sources.findOneAndUpdate(
      { feedUrl: { $type: 'string' }, 'poll.nextPollAt': { $lte: now } },
      { $set: { 'poll.nextPollAt': leaseUntil } },
      { returnDocument: 'before', sort: { 'poll.nextPollAt': 1 } },
    );
    return doc ? toSource(doc) : null;
  }

  async recordPoll(id: string, poll: PollState): Promise<void> {
    await this.sources.updateOne({ _id: id }, { $set: { poll } });
  }
}
