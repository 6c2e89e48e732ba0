import { testContext } from '@broadsheet/testing';
import { mongo } from 'mongoose';

/**
 * What every conditional write in the services rests on: the store applies a single-document
 * update atomically, so of several clients (each its own connection pool, like separate processes)
 * updating `{ _id, revision: n }` at once, exactly one wins.
 */
describe('the Mongo store', () => {
  const ctx = testContext('atomic');
  const clients: mongo.MongoClient[] = [];

  beforeAll(async () => {
    for (let i = 0; i < 10; i++) clients.push(await mongo.MongoClient.connect(ctx.mongoUrl));
  });

  afterAll(async () => {
    await Promise.all(clients.map((c) => c.close()));
  });

  const docs = (client: mongo.MongoClient) =>
    client.db(`${ctx.prefix}db`).collection<{ _id: string; revision: number; writer?: number }>('docs');

  it('lets exactly one of ten concurrent conditional updates win, in each of 50 rounds', async () => {
    const winners: number[] = [];
    for (let round = 0; round < 50; round++) {
      const _id = `doc-${round}`;
      await docs(clients[0]!).insertOne({ _id, revision: 1 });
      const results = await Promise.all(
        clients.map((client, writer) =>
          docs(client).updateOne({ _id, revision: 1 }, { $set: { writer }, $inc: { revision: 1 } }),
        ),
      );
      winners.push(results.filter((r) => r.modifiedCount === 1).length);
      const stored = await docs(clients[0]!).findOne({ _id });
      expect(stored?.revision).toBe(2);
    }
    expect(winners).toEqual(Array.from({ length: 50 }, () => 1));
  });

  it('hands a claim to exactly one of ten concurrent findOneAndUpdate calls', async () => {
    await docs(clients[0]!).insertOne({ _id: 'claimed', revision: 1 });
    const claims = await Promise.all(
      clients.map((client, writer) =>
        docs(client).findOneAndUpdate(
          { _id: 'claimed', writer: { $exists: false } },
          { $set: { writer } },
          { returnDocument: 'after', projection: { writer: 1 } },
        ),
      ),
    );
    const won = claims.filter((c) => c !== null);
    expect(won).toHaveLength(1);
    expect(await docs(clients[0]!).findOne({ _id: 'claimed' })).toMatchObject({ writer: won[0]!.writer });
  });
});
