import sanitizeHtml from 'sanitize-html';
import { bodyPolicy, sanitizeBody, sanitizedBodyText } from './html-body';
import { inSanitizedForm } from './sanitized-form';
import { htmlToText, plainText, stripControls } from './text';

/**
 * The shortcuts in text.ts and html-body.ts must give exactly what running the parser gives. The oracle
 * below is text.ts as it was before them: every text goes through sanitize-html, and bodies are read again.
 */
const escaped: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"' };
const slowTextOfHtml = (html: string): string =>
  sanitizeHtml(stripControls(html), { allowedTags: [], allowedAttributes: {} }).replace(
    /&(?:amp|lt|gt|quot);/g,
    (e) => escaped[e] ?? e,
  );
const slowCollapse = (text: string): string => text.replace(/\s+/g, ' ').trim();
const slowHtmlToText = (html: string): string => slowCollapse(stripControls(slowTextOfHtml(html)));
function slowPlainText(raw: string): string {
  let text = raw;
  for (let round = 0; round < 8; round++) {
    const next = slowTextOfHtml(text);
    if (next === text) return slowCollapse(stripControls(text));
    text = next;
  }
  return '';
}

/** A seeded generator, so a failing sample is the same on every run. */
function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1_103_515_245 + 12_345) % 2_147_483_648;
    return s / 2_147_483_648;
  };
}
const pick = <T>(next: () => number, from: readonly T[]): T => from[Math.floor(next() * from.length)]!;
const samples = (seed: number, count: number, parts: readonly string[], most: number): string[] => {
  const next = random(seed);
  return Array.from({ length: count }, () =>
    Array.from({ length: Math.floor(next() * most) }, () => pick(next, parts)).join(''),
  );
};

const dari = 'بازار‌های کابل';
const textParts = [
  ...[
    'Kabul',
    ' ',
    '  ',
    '\t',
    '\n',
    '\r\n',
    '\u00a0',
    '\u3000',
    '\u2028',
    'a',
    '.',
    '"',
    "'",
    '>',
    '=',
    '/',
    ';',
    '#',
  ],
  ...[dari, 'د کابل ښار', 'Москва', '北京', '🌊', 'a\u200db', '\u200f', '\u061c', '\u200b', '\ufeff', 'x\u0000y'],
  ...['\u0007', '\u001b', '\u007f', '\u0085', '\u202e', '\u202c', '\u2066', '\u2069', 'amp', 'lt', 'gt', 'nbsp'],
  ...[' & ', '&', '&\t', '&\n', ' &amp ', '&#', 'AT&T', 'Business & Economy', '&\u00a0', '&\u000b', '&\f'],
];
const markupParts = [
  ...['<', '&', '<b>', '</b>', '<script>alert(1)</script>', '<style>b{}</style>', '<!-- c -->', '<![CDATA[x]]>'],
  ...['&amp;', '&lt;', '&gt;', '&quot;', '&nbsp;', '&#60;', '&#x202E;', '&ltscript', '&amp;lt;', '&#0;', '&#xD800;'],
  ...['<img src=x onerror=alert(1)>', '<a href="javascript:alert(1)">', '</a>', '<p onclick="x()">', '</p>'],
  ...['<scr\u0000ipt>', '<P>', '</br>', '<br>', '<textarea>', '<title>', '<svg>', '<math>', '<xmp>', '<noscript>'],
];

describe('plain text without "<" or an "&" that could start an entity skips the parser and reads as through it', () => {
  const plain = samples(1, 4_000, textParts, 12);
  const mixed = samples(2, 4_000, [...textParts, ...markupParts], 10);

  it.each([
    ['plain text', plain],
    ['text with markup and entities', mixed],
  ])('plainText and htmlToText: %s', (_what, inputs) => {
    for (const raw of inputs) {
      expect([raw, plainText(raw)]).toEqual([raw, slowPlainText(raw)]);
      expect([raw, htmlToText(raw)]).toEqual([raw, slowHtmlToText(raw)]);
    }
  });
});

const bodyParts = [
  ...textParts,
  ...markupParts,
  ...['<p>', '<h2>', '</h2>', '<blockquote>', '</blockquote>', '<ul>', '<li>', '</li>', '</ul>', '<ol>', '<pre>\n'],
  ...['<table><tr><td>', '</td><td colspan="2" onclick="x">', '</tr></table>', '<figure>', '<figcaption>', '<hr>'],
  ...['<a href="https://example.org/?a=1&b=2>3" title="a &quot;b&quot; > c">', '<a href=https://e.org/x>', '<i>'],
  ...['<img src="https://example.org/a.jpg" alt="a > b &amp; c <d>">', '<code>', '</code>', '<q>', '<cite>', '</q>'],
  ...['<option>&lt;script&gt;x</option>', '<iframe src=x>', '<object>', '<div>', '</div>', '<span>', '</span>'],
];

describe('the text of a sanitized body, read without parsing it again', () => {
  const bodies = samples(3, 6_000, bodyParts, 16);

  it('is what htmlToText reads from the same sanitized body, for hostile and non-Latin bodies', () => {
    for (const raw of bodies) {
      const sanitized = sanitizeBody(raw);
      expect([raw, sanitizedBodyText(sanitized)]).toEqual([raw, slowHtmlToText(sanitized)]);
    }
  });

  it('reads links, entities and scripts as a reader sees them', () => {
    const sanitized = sanitizeBody(
      '<p onclick="x()">AT&amp;T &lt;b&gt; <a href="https://e.org/?a=1&b=2">rises</a>\u202e</p><script>alert(1)</script>' +
        '<p>بازار‌های کابل&nbsp;&amp;lt;</p><img src="https://e.org/a.jpg" alt="x > y">',
    );
    expect(sanitizedBodyText(sanitized)).toBe('AT&T <b> risesبازار‌های کابل &lt;');
    expect(sanitizedBodyText(sanitized)).toBe(slowHtmlToText(sanitized));
  });
});

describe('a body already in the form the sanitizer gives skips it and is stored as the sanitizer would store it', () => {
  const slowSanitizeBody = (html: string): string =>
    stripControls(sanitizeHtml(stripControls(html), bodyPolicy)).trim();
  const tags = ['p', 'h2', 'h3', 'h4', 'blockquote', 'ul', 'ol', 'li', 'figure', 'figcaption', 'pre', 'br', 'hr'];
  const more = ['strong', 'b', 'em', 'i', 'u', 's', 'sub', 'sup', 'code', 'q', 'cite', 'a', 'img', 'div', 'span'];
  const table = ['table', 'thead', 'tbody', 'tr', 'th', 'td', 'script', 'style', 'textarea', 'title', 'svg', 'P'];
  const escapes = ['&amp;', '&lt;', '&gt;', '&quot;', '&nbsp;', '&amp;lt;', '&ampx;', '&AMP;', '&amp', '&#38;', '&'];
  const simpleParts = [
    ...[...tags, ...more, ...table].flatMap((t) => [`<${t}>`, `</${t}>`, `<${t}>`, `</${t}>`]),
    ...['<br/>', '<br />', '<p >', '< p>', '</p >', '<p\n>', '<!---->', ...textParts, ...textParts],
    ...escapes,
  ];
  /** Well-formed nests of allowed tags and text, most of them in the sanitizer's form. */
  function nested(next: () => number, depth: number): string {
    const n = Math.floor(next() * 4);
    return Array.from({ length: n }, () => {
      if (depth > 3 || next() < 0.4) return pick(next, next() < 0.2 ? escapes : textParts);
      const tag = pick(next, [...tags, ...more, ...table]);
      return `<${tag}>${nested(next, depth + 1)}</${tag}>`;
    }).join('');
  }
  const next = random(4);
  const bodies = [
    ...samples(5, 6_000, simpleParts, 14),
    ...samples(6, 3_000, bodyParts, 14),
    ...Array.from({ length: 6_000 }, () => nested(next, 0)),
    '<p>Traders returned.</p>\n<p>Prices fell.</p>',
    '<ul><li>one</li><li>two</li></ul><table><tr><td>1</td><td>2</td></tr></table>',
    '<p>بازار\u200cهای کابل</p><p>\u202eevil\u202c</p>',
    '<p><p>nested</p></p>',
    '<li><p>x</p></li>',
  ];

  it('gives exactly what sanitize-html gives, for well-formed, broken and hostile bodies', () => {
    for (const raw of bodies) expect([raw, sanitizeBody(raw)]).toEqual([raw, slowSanitizeBody(raw)]);
  });

  it('is taken by plain paragraph bodies (the shortcut is used, not only harmless)', () => {
    const taken = bodies.filter((raw) => inSanitizedForm(stripControls(raw)));
    expect(taken.length).toBeGreaterThan(2_000);
    expect(inSanitizedForm('<p>Traders returned.</p>\n<p>Prices <b>fell</b>.</p>')).toBe(true);
    expect(inSanitizedForm('<p>AT&amp;T &lt;b&gt;</p>')).toBe(true);
    expect(inSanitizedForm('<p>AT&T</p>')).toBe(false);
    expect(inSanitizedForm('<p>&quot;Peace&quot;</p>')).toBe(false);
    expect(inSanitizedForm('<p><p>nested</p></p>')).toBe(false);
  });
});
