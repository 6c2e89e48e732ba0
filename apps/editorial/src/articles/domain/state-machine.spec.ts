import { ArticleStatus, ArticleStatuses, DomainError, EventTypes } from '@broadsheet/contracts';
import { anArticle } from '../../../test/an-article';
import { acceptWireUpdate } from '../usecases/accept-wire-update';
import { correctArticle } from '../usecases/correct-article';
import { editArticle } from '../usecases/edit-article';
import { killArticle } from '../usecases/kill-article';
import { publishArticle } from '../usecases/publish-article';
import { submitArticle } from '../usecases/submit-article';
import { unpublishArticle } from '../usecases/unpublish-article';
import { Change } from './change';
import { Action } from './workflow';

const at = new Date('2026-11-30T10:00:00Z');
const wire = { ingestRevision: 2, receivedAt: at, content: { ...anArticle(), headline: 'Wire headline' } };

/** Each action as its pure state change. */
const act: Record<Action, (status: ArticleStatus) => Change> = {
  edit: (s) => editArticle(anArticle({ status: s }), { headline: 'New words' }, 'ed', at),
  submit: (s) => submitArticle(anArticle({ status: s }), 'ed', at),
  publish: (s) => publishArticle(anArticle({ status: s }), {}, 'ed', at),
  unpublish: (s) => unpublishArticle(anArticle({ status: s }), 'ed', at),
  kill: (s) => killArticle(anArticle({ status: s }), 'court order', 'ed', at),
  correct: (s) => correctArticle(anArticle({ status: s }), 'A date was wrong', 'ed', at),
  'accept-wire-update': (s) => acceptWireUpdate(anArticle({ status: s, wireUpdate: wire }), 'ed', at),
};

/** Every state × action: the state it leads to and the content-log event, or `409` for refused. */
const expected: Record<ArticleStatus, Record<Action, [ArticleStatus, string | null] | 409>> = {
  draft: {
    edit: ['draft', null],
    submit: ['in_review', null],
    publish: ['published', EventTypes.ArticlePublished],
    unpublish: 409,
    kill: ['killed', EventTypes.ArticleKilled],
    correct: 409,
    'accept-wire-update': ['draft', null],
  },
  in_review: {
    edit: ['in_review', null],
    submit: 409,
    publish: ['published', EventTypes.ArticlePublished],
    unpublish: 409,
    kill: ['killed', EventTypes.ArticleKilled],
    correct: 409,
    'accept-wire-update': ['in_review', null],
  },
  scheduled: {
    edit: ['scheduled', null],
    submit: 409,
    publish: ['published', EventTypes.ArticlePublished],
    unpublish: ['unpublished', null],
    kill: ['killed', EventTypes.ArticleKilled],
    correct: 409,
    'accept-wire-update': ['scheduled', null],
  },
  published: {
    edit: ['published', EventTypes.ArticleUpdated],
    submit: 409,
    publish: 409,
    unpublish: ['unpublished', EventTypes.ArticleUnpublished],
    kill: ['killed', EventTypes.ArticleKilled],
    correct: ['published', EventTypes.ArticleUpdated],
    'accept-wire-update': ['published', EventTypes.ArticleUpdated],
  },
  unpublished: {
    edit: ['unpublished', null],
    submit: 409,
    publish: ['published', EventTypes.ArticlePublished],
    unpublish: 409,
    kill: ['killed', EventTypes.ArticleKilled],
    correct: 409,
    'accept-wire-update': ['unpublished', null],
  },
  killed: {
    edit: 409,
    submit: 409,
    publish: 409,
    unpublish: 409,
    kill: 409,
    correct: 409,
    'accept-wire-update': 409,
  },
};

describe('the editorial state machine', () => {
  const pairs = ArticleStatuses.flatMap((s) => (Object.keys(act) as Action[]).map((a) => [s, a] as const));

  it.each(pairs)('%s × %s', (status, action) => {
    const want = expected[status][action];
    if (want === 409) {
      let caught: unknown;
      try {
        act[action](status);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(DomainError);
      expect((caught as DomainError).code).toBe('INVALID_TRANSITION');
      expect((caught as DomainError).details[0]?.message).toMatch(/^allowed actions: /);
      return;
    }
    const change = act[action](status);
    expect([change.after.status, change.event]).toEqual(want);
    // The change, not the repository, moves the counters on: the revision always, the version with an event.
    expect(change.after.revision).toBe(4);
    expect(change.after.version).toBe(change.event ? 3 : 2);
    expect(change.audit.at(-1)).toMatchObject({ actor: 'ed', from: status, to: want[0], at });
  });

  it('puts nothing on the log when a story readers never saw is killed', () => {
    expect(killArticle(anArticle({ status: 'draft', version: 0 }), 'legal', 'ed', at).event).toBeNull();
  });

  it('schedules when publishAt lies ahead, and lets an embargo win over an earlier time or "now"', () => {
    const later = new Date(at.getTime() + 60_000);
    const embargo = new Date(at.getTime() + 120_000);
    const draft = anArticle({ status: 'draft', version: 0, publishedAt: undefined });
    expect(publishArticle(draft, { publishAt: later }, 'ed', at).after).toMatchObject({
      status: 'scheduled',
      publishAt: later,
    });
    const held = publishArticle(draft, { publishAt: later, embargoUntil: embargo }, 'ed', at);
    expect(held.after).toMatchObject({ status: 'scheduled', publishAt: embargo });
    expect(held.event).toBeNull();
    const pressed = publishArticle({ ...draft, embargoUntil: embargo }, {}, 'ed', at);
    expect(pressed.after).toMatchObject({ status: 'scheduled', publishAt: embargo });
    expect(publishArticle(draft, { publishAt: new Date(at.getTime() - 1) }, 'ed', at).after.status).toBe('published');
  });

  it('keeps the old slug of a published story renamed by an editor, and freezes it against headline edits', () => {
    const published = anArticle({ slug: 'first-slug' });
    expect(editArticle(published, { headline: 'Other words' }, 'ed', at).after.slug).toBe('first-slug');
    const renamed = editArticle(published, { slug: 'better-slug' }, 'ed', at).after;
    expect(renamed).toMatchObject({ slug: 'better-slug', previousSlugs: ['first-slug'], slugChosen: true });
    const draft = anArticle({ status: 'draft', version: 0, slug: 'first-slug' });
    expect(editArticle(draft, { headline: 'Other words' }, 'ed', at).after.slug).toBe('other-words');
  });
});
