import { escapeHtml, htmlToText, isWellFormedText, plainText } from './text';

const dari = 'بازار‌های کابل دوباره باز شدند'; // with a ZWNJ (U+200C) in «بازار‌های»
const pashto = 'د کابل ښار ته ښه راغلاست';

/** [what, raw, stored]: each hostile or tricky input and the plain text it must become. */
const cases: Array<[string, string, string]> = [
  ['empty bold', '<b></b>', ''],
  ['a non-breaking space entity', '&nbsp;', ''],
  ['a comment', '<!-- x -->', ''],
  ['a script with its contents', '<script>x</script>', ''],
  ['a style with its contents', '<style>b{}</style>', ''],
  ['entity-encoded script', '&lt;script&gt;alert(1)&lt;/script&gt;', ''],
  ['entity-encoded img onerror', '&lt;img src=x onerror=alert(1)&gt;Budget', 'Budget'],
  ['double-encoded markup', '&amp;lt;img src=x onerror=alert(1)&amp;gt;Budget', 'Budget'],
  ['numeric entities', '&#60;script&#62;alert(1)&#60;/script&#62;ok', 'ok'],
  ['entities without semicolons', '&ltscript&gtalert(1)&lt/script&gt', ''],
  ['a tag hidden by a control character', '<scr\u0000ipt>alert(1)</script>ok', 'ok'],
  ['an unclosed tag', 'News <img src=x onerror=alert(1)', 'News'],
  ['the highlighter tag', '<mark>Kabul</mark> &lt;mark&gt;', 'Kabul'],
  ['a category wrapped in tags', '<b>Politics</b>', 'Politics'],
  [
    'ampersands and comparisons as text',
    'AT&amp;T profits rise 5 &lt; 6 &amp; 7 > 3',
    'AT&T profits rise 5 < 6 & 7 > 3',
  ],
  ['a bare ampersand', 'Business & Economy', 'Business & Economy'],
  ['named entities', 'Caf&eacute; d&eacute;j&agrave; vu', 'Café déjà vu'],
  ['quotes', '&quot;Peace&quot; talks &#39;resume&#39;', '"Peace" talks \'resume\''],
  ['C0 controls and DEL', 'Kabul\u0000\u0007\u001B\u007F markets', 'Kabul markets'],
  ['C1 controls', 'Kabul\u0085\u009B markets', 'Kabul markets'],
  ['line breaks and tabs', 'one\ttwo\nthree\r\nfour', 'one two three four'],
  ['bidi override and pop', '\u202Eevil\u202C.exe', 'evil.exe'],
  ['bidi embeddings and isolates', '\u202A\u202B\u2066\u2067\u2068x\u2069\u202C', 'x'],
  ['an entity-encoded bidi override', '&#x202E;txt.exe', 'txt.exe'],
  ['a byte-order mark', '\uFEFFheadline', 'headline'],
  ['Dari with ZWNJ', dari, dari],
  ['Pashto', pashto, pashto],
  ['ZWJ', 'a\u200Db', 'a\u200Db'],
  ['directional marks', 'قیمت\u200F 100\u200E افغانی\u061C', 'قیمت\u200F 100\u200E افغانی\u061C'],
  ['emoji', 'Flood 🌊 warning', 'Flood 🌊 warning'],
  ['encoding nested past any real text', `&${'amp;'.repeat(40)}lt;script&gt;alert(1)`, ''],
];

describe('plainText', () => {
  it.each(cases)('%s', (_what, raw, stored) => {
    expect(plainText(raw)).toBe(stored);
  });

  it.each(cases)('leaves no tag and no stripped character behind, and is stable: %s', (_what, raw) => {
    const text = plainText(raw);
    expect(text).not.toMatch(/<\s*[a-z!/]/i);
    // eslint-disable-next-line no-control-regex -- the control characters that must be gone
    expect(text).not.toMatch(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/);
    expect(plainText(text)).toBe(text);
  });
});

describe('htmlToText', () => {
  it('gives the text a reader sees: one decode, scripts dropped, whitespace collapsed', () => {
    expect(htmlToText('AT&amp;T <b>profits</b> rise 5 &lt; 6')).toBe('AT&T profits rise 5 < 6');
    expect(htmlToText('Hostile  <script>alert(1)</script>\n headline')).toBe('Hostile headline');
    expect(htmlToText('<p>\u202Eslow</p>')).toBe('slow');
  });
});

describe('isWellFormedText', () => {
  it.each([
    ['a lone high surrogate', 'a\uD800b', false],
    ['a lone low surrogate', '\uDC00', false],
    ['a replacement character (invalid UTF-8 once decoded)', 'caf\uFFFD', false],
    ['a surrogate pair', 'Flood 🌊', true],
    ['Dari with ZWNJ', dari, true],
  ])('%s', (_what, text, ok) => {
    expect(isWellFormedText(text)).toBe(ok);
  });
});

describe('escapeHtml', () => {
  it('escapes everything that could open a tag, an entity or an attribute', () => {
    expect(escapeHtml(`<a href="x" title='y'>&amp;</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;',
    );
  });
});
