import { dropRetiredIndex } from '@broadsheet/persistence';
import { testContext } from '@broadsheet/testing';
import { mongo } from 'mongoose';

describe('dropRetiredIndex', () => {
  const ctx = testContext('retired-index');
  let client: mongo.MongoClient;

  beforeAll(async () => {
    client = await mongo.MongoClient.connect(ctx.mongoUrl);
  });

  afterAll(() => client.close());

  it('drops the named index and keeps the others, then finds nothing to do', async () => {
    const records = client.db(`${ctx.prefix}db`).collection('records');
    await records.createIndex({ articleKey: 1, receivedAt: -1 });
    await records.createIndex({ receivedAt: 1 });
    await dropRetiredIndex(records, 'articleKey_1_receivedAt_-1');
    const names = (await records.listIndexes().toArray()).map((i) => i.name as string);
    expect(names.sort()).toEqual(['_id_', 'receivedAt_1']);
    await expect(dropRetiredIndex(records, 'articleKey_1_receivedAt_-1')).resolves.toBeUndefined();
  });

  it('lets two processes starting at once drop the same index', async () => {
    const records = client.db(`${ctx.prefix}db`).collection('raced');
    await records.createIndex({ articleKey: 1, receivedAt: -1 });
    const both = Array.from({ length: 2 }, () => dropRetiredIndex(records, 'articleKey_1_receivedAt_-1'));
    await expect(Promise.all(both)).resolves.toEqual([undefined, undefined]);
    expect((await records.listIndexes().toArray()).map((i) => i.name as string)).toEqual(['_id_']);
  });

  it('does nothing on a collection that does not exist yet', async () => {
    const absent = client.db(`${ctx.prefix}db`).collection('never-written');
    await expect(dropRetiredIndex(absent, 'articleKey_1_receivedAt_-1')).resolves.toBeUndefined();
  });
});
