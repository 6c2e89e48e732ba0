import { EventTypes } from '@broadsheet/contracts';
import { eventOfActionOn } from './action-event';

describe('the content-log event of an action', () => {
  it('takes down a published story with article.killed', () => {
    expect(eventOfActionOn('kill', 3)).toBe(EventTypes.ArticleKilled);
  });

  it('puts nothing on the log when a story that was never published is killed', () => {
    expect(eventOfActionOn('kill', 0)).toBeNull();
  });

  it('publishes, unpublishes and submits as before', () => {
    expect([eventOfActionOn('publish', 0), eventOfActionOn('unpublish', 1), eventOfActionOn('submit', 0)]).toEqual([
      EventTypes.ArticlePublished,
      EventTypes.ArticleUnpublished,
      null,
    ]);
  });
});
