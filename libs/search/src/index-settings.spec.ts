import { articleIndexSettings, settingsMatch } from './index-settings';
import { localeOf, textGroupOf } from './languages';
import { meiliSynonyms, synonymGroups } from './synonyms';

describe('index settings as code', () => {
  it('ranks headline, summary, tags, bylines, then the body', () => {
    const order = (articleIndexSettings.searchableAttributes ?? []).map((a) => a.split('.').at(-1));
    const first = (field: string) => order.indexOf(field);
    expect(first('headline')).toBeLessThan(first('summary'));
    expect(first('summary')).toBeLessThan(first('tags'));
    expect(first('tags')).toBeLessThan(first('bylines'));
    expect(first('bylines')).toBeLessThan(first('body'));
  });

  it('tells a changed setting from Meilisearch’s defaults beside the code’s', () => {
    const reported = {
      ...articleIndexSettings,
      typoTolerance: { ...articleIndexSettings.typoTolerance, disableOnWords: [] },
    };
    expect(settingsMatch(reported)).toBe(true);
    expect(settingsMatch({ ...reported, rankingRules: ['words', 'sort'] })).toBe(false);
    expect(settingsMatch({ ...reported, synonyms: { pm: ['prime minister'] } })).toBe(false);
  });
});

describe('languages', () => {
  it('reads Dari, Persian and Pashto with the Persian tokenizer, Russian and English with theirs', () => {
    expect(['fa-AF', 'prs', 'ps', 'ps-AF', 'fa'].map(localeOf)).toEqual(['pes', 'pes', 'pes', 'pes', 'pes']);
    expect([localeOf('ru'), localeOf('en-GB'), localeOf('de')]).toEqual(['rus', 'eng', undefined]);
    expect(textGroupOf('de')).toBe('any');
  });
});

describe('synonyms file', () => {
  it('makes every group mutual', () => {
    const synonyms = meiliSynonyms([['pm', 'prime minister']]);
    expect(synonyms).toEqual({ pm: ['prime minister'], 'prime minister': ['pm'] });
    expect(meiliSynonyms()?.un).toContain('united nations');
  });

  it('refuses a word in two groups, an upper-case word and a group of one', () => {
    expect(() =>
      synonymGroups({
        groups: [
          ['pm', 'premier'],
          ['premier', 'head'],
        ],
      }),
    ).toThrow('two groups');
    expect(() => synonymGroups({ groups: [['PM', 'premier']] })).toThrow('lower case');
    expect(() => synonymGroups({ groups: [['pm']] })).toThrow('two words');
  });
});
