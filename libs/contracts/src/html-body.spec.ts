import { bodyHasText, sanitizeBody } from './html-body';

describe('sanitizeBody', () => {
  it('removes scripts, event handlers and javascript: links from a hostile body', () => {
    const html = sanitizeBody(
      '<p onclick="steal()">Hi<script>alert(1)</script></p><a href="javascript:alert(1)">x</a><img src=x onerror=alert(1)>',
    );
    expect(html).not.toMatch(/script|onclick|onerror|javascript:/i);
    expect(html).toContain('<p>Hi</p>');
  });

  it('keeps entity-encoded markup as visible text, never as a tag', () => {
    expect(sanitizeBody('<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>')).toBe(
      '<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>',
    );
  });

  it('drops control and bidi-override characters, raw or entity-encoded, and keeps line breaks and ZWNJ', () => {
    expect(sanitizeBody('<p>a\u0000b\u202Ec&#x202E;d\u0085</p>\n<p>می\u200Cخواهم</p>')).toBe(
      '<p>abcd</p>\n<p>می\u200Cخواهم</p>',
    );
  });

  it('drops a tag that a control character was meant to disguise', () => {
    expect(sanitizeBody('<p>ok</p><scr\u0000ipt>alert(1)</script>')).toBe('<p>ok</p>');
  });
});

describe('bodyHasText', () => {
  it.each([
    ['<p>Traders returned.</p>', true],
    ['<p></p><br><hr>', false],
    ['<p>&nbsp; </p>', false],
    ['<img src="https://example.org/a.jpg">', false],
    ['<p>\u200B</p>', true],
  ])('%s', (html, has) => {
    expect(bodyHasText(sanitizeBody(html))).toBe(has);
  });
});
