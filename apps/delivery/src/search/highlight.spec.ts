import { balancedMarksOnly } from '@broadsheet/testing';
import { highlightHtml, highlightMarkers } from './highlight';
import { toHit } from './search.reply';

const m = highlightMarkers();
const marked = (word: string) => `${m.pre}${word}${m.post}`;

/** [what, text as Meilisearch formats it, HTML a reader gets] */
const cases: Array<[string, string, string]> = [
  ['a plain match', `${marked('Kabul')} markets`, '<mark>Kabul</mark> markets'],
  [
    'markup as text',
    `${marked('Kabul')} <script>alert(1)</script>`,
    '<mark>Kabul</mark> &lt;script&gt;alert(1)&lt;/script&gt;',
  ],
  ['the highlighter tag as text', `<mark>${marked('Kabul')}`, '&lt;mark&gt;<mark>Kabul</mark>'],
  ['an unclosed mark as text', `Kabul <mark> ${marked('budget')}`, 'Kabul &lt;mark&gt; <mark>budget</mark>'],
  ['the old fixed sentinels', `\u0001Kabul\u0002 ${marked('budget')}`, '\u0001Kabul\u0002 <mark>budget</mark>'],
  ['entities as text', `AT&amp;T ${marked('budget')}`, 'AT&amp;amp;T <mark>budget</mark>'],
  ['quotes', `"${marked('Peace')}" 'talks'`, '&quot;<mark>Peace</mark>&quot; &#39;talks&#39;'],
  ['an opening marker left open', `${m.pre}Kabul`, '<mark>Kabul</mark>'],
  ['a closing marker without an opening one', `Kabul${m.post} markets`, 'Kabul markets'],
  ['markers nested', `${m.pre}${m.pre}Kabul${m.post}${m.post}`, '<mark>Kabul</mark>'],
  ['Dari with ZWNJ', `${marked('بازار‌های')} کابل`, '<mark>بازار‌های</mark> کابل'],
];

describe('highlightHtml', () => {
  it.each(cases)('%s', (_what, formatted, html) => {
    expect(highlightHtml(formatted, m)).toBe(html);
    expect(balancedMarksOnly(highlightHtml(formatted, m))).toBe(true);
  });

  it('uses new, unguessable markers for every search', () => {
    const other = highlightMarkers();
    expect(other.pre).not.toBe(m.pre);
    // Text that happens to hold another search's markers is only text.
    expect(highlightHtml(`${other.pre}x${other.post}`, m)).not.toContain('<mark>');
  });
});

describe('toHit', () => {
  it('serves every text field raw, and only the highlights as HTML', () => {
    const hit = toHit(
      {
        id: 'a1',
        version: 1,
        visible: true,
        headline: 'Kabul <mark> & "budget"',
        summary: 'AT&T',
        categoryLabel: 'Business & Economy',
        tags: ['r&d'],
        bylines: ["O'Brien <b>"],
        _formatted: { headline: `Kabul <mark> & "${marked('budget')}"`, summary: 'AT&T' },
      },
      m,
    );
    expect(hit).toMatchObject({
      headline: 'Kabul <mark> & "budget"',
      summary: 'AT&T',
      categoryLabel: 'Business & Economy',
      tags: ['r&d'],
      bylines: ["O'Brien <b>"],
      highlights: { headline: 'Kabul &lt;mark&gt; &amp; &quot;<mark>budget</mark>&quot;', summary: 'AT&amp;T' },
    });
  });
});
