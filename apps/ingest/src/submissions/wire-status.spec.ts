import { fixture, jsonFixture } from '../formats/fixtures';
import { fromNewsml } from '../formats/newsml';
import { fromNinjs } from '../formats/ninjs';
import { intake, SourceProfile } from './intake';
import { nextRevision, pubStatusOf, versionOf } from './wire-status';

const wire: SourceProfile = { name: 'wire', autoPublish: false };
const story = { externalId: 'a', headline: 'Rain in Kabul', body: '<p>It rained.</p>' };

describe('wire status: the source version and the publishing status', () => {
  it('reads NewsML-G2 version and stat: codes, and ninjs version and pubstatus in every spelling', () => {
    expect(fromNewsml(fixture('newsml-g2.xml'))).toMatchObject({ version: 4, pubStatus: 'usable' });
    expect(fromNinjs(jsonFixture('ninjs-1.json'))).toMatchObject({ version: 2, pubStatus: 'usable' });
    expect(fromNinjs(jsonFixture('ninjs-3.json'))).toMatchObject({ version: 1, pubStatus: 'usable' });
    const canceled = fixture('newsml-g2.xml').replace('stat:usable', 'stat:canceled');
    expect(fromNewsml(canceled).pubStatus).toBe('canceled');
    expect([versionOf('7'), versionOf(' 12 '), versionOf('v2'), versionOf(undefined)]).toEqual([
      7,
      12,
      'v2',
      undefined,
    ]);
    expect([pubStatusOf('Withheld'), pubStatusOf('stat:usable'), pubStatusOf('gone')]).toEqual([
      'withheld',
      'usable',
      'gone',
    ]);
  });

  it('takes the version as the first revision, and refuses an unreadable version under its name', () => {
    const r = intake({ ...story, version: 4 }, wire);
    expect(r.ok && { revision: r.story.revision, version: r.version }).toEqual({ revision: 4, version: 4 });
    const bad = intake({ ...story, version: 'v2' }, wire);
    expect(!bad.ok && bad.reasons.map((x) => x.path)).toEqual(['version']);
    const huge = intake({ ...story, version: Number.MAX_SAFE_INTEGER }, wire);
    expect(!huge.ok && huge.reasons.map((x) => x.path)).toEqual(['version']);
  });

  it.each(['withheld', 'canceled'])('refuses a %s story with a reason on pubStatus', (pubStatus) => {
    const r = intake({ ...story, pubStatus }, wire);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reasons).toEqual([
      { path: 'pubStatus', message: expect.stringMatching(new RegExp(`^${pubStatus}:`)) },
    ]);
    expect(intake({ ...story, pubStatus: 'usable' }, wire).ok).toBe(true);
    const unknown = intake({ ...story, pubStatus: 'gone' }, wire);
    expect(!unknown.ok && unknown.reasons.map((x) => x.path)).toEqual(['pubStatus']);
  });

  it('numbers a change one past the held revision, or at the source version, never at or below the held one', () => {
    expect(nextRevision(undefined, undefined)).toBe(1);
    expect(nextRevision(3, undefined)).toBe(4);
    expect(nextRevision(3, 7)).toBe(7);
    const late = (() => {
      try {
        return nextRevision(4, 4);
      } catch (error) {
        return error;
      }
    })();
    expect(late).toMatchObject({ code: 'CONFLICT', details: [{ path: 'version' }] });
    expect(() => nextRevision(4, 2)).toThrow(/not newer/);
  });
});
