import { EventTypes, IngestedStory } from '@broadsheet/contracts';
import { OutboxRelay, OutboxStore } from '@broadsheet/messaging';
import { openConnection } from '@broadsheet/persistence';
import { anIngestedEvent, testContext } from '@broadsheet/testing';
import { Connection } from 'mongoose';
import { SystemClock } from '../src/clock';
import { Article } from '../src/articles/domain/article';
import { ArticlesRepository } from '../src/articles/storage/articles.repository';
import { ArticleWriter } from '../src/articles/usecases/article-writer';
import { editArticle } from '../src/articles/usecases/edit-article';
import { ReceiveIngestedUseCase } from '../src/articles/usecases/receive-ingested';

/** Saves an editor's edit right after the wire update read the article, once: the wire update then loses the race. */
class EditorRacingRepository extends ArticlesRepository {
  raced = false;

  override async findByKey(articleKey: string): Promise<Article | null> {
    const found = await super.findByKey(articleKey);
    if (found && !this.raced) {
      this.raced = true;
      await this.save(editArticle(found, { headline: 'The editor got there first' }, 'editor-1', new Date()), []);
    }
    return found;
  }
}

const story = (headline: string, key: string, revision: number): IngestedStory => {
  const event = anIngestedEvent(headline, key);
  if (event.type !== EventTypes.ArticleIngested) throw new Error('not an ingested event');
  return { ...event.data, revision };
};

/** A wire update that loses a race with an editor's save, against the real store: retried, never dropped. */
describe('a wire update racing an editor', () => {
  let connection: Connection;

  beforeAll(async () => {
    const ctx = testContext('wirerace');
    connection = await openConnection({ url: ctx.mongoUrl, dbName: `${ctx.prefix}editorial` });
  });
  afterAll(() => connection.close());

  it('reads again after losing, sees the editor’s work and keeps the wire version aside', async () => {
    // No event is written here, so the relay is never asked to publish: only its nudge is reachable.
    const outbox = new OutboxStore({ nudge: () => undefined } as unknown as OutboxRelay);
    const repo = new EditorRacingRepository(connection, outbox);
    const receive = new ReceiveIngestedUseCase(new ArticleWriter(repo, new SystemClock()));
    const key = `wire:race-${Date.now()}`;
    await receive.execute(story('Quake strikes the north', key, 1));
    repo.raced = false;
    await receive.execute(story('Quake strikes the north, 80 hurt', key, 2));

    const article = (await repo.findByKey(key))!;
    expect(repo.raced).toBe(true);
    expect(article.headline).toBe('The editor got there first');
    expect(article.wireUpdate).toMatchObject({
      ingestRevision: 2,
      content: { headline: 'Quake strikes the north, 80 hurt' },
    });
    expect((await repo.audit(article.id))!.map((a) => a.action)).toEqual(['create', 'edit', 'wire-update-held']);
  });
});
