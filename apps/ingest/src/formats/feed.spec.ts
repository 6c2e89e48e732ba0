import { fromFeed, resolveLinks } from './feed';
import { fixture } from './fixtures';

describe('fromFeed', () => {
  it('maps each RSS item: CDATA title, content:encoded body, description as summary, dc:creator, categories', () => {
    const [first, dari, third] = fromFeed(fixture('rss-partner.xml'));
    expect(first).toMatchObject({
      externalId: 'herattimes-20261130-0012',
      headline: 'Herat & Kandahar traders reopen the <b>Islam Qala</b> crossing',
      summary: 'Lorries queued for <em>six kilometres</em> as the border post reopened after a four-day closure.',
      bylines: ['Farid Rahimi'],
      category: 'Business',
      tags: ['Herat', 'Trade'],
      publishedAt: 'Mon, 30 Nov 2026 08:15:00 +0430',
      url: 'https://herattimes.example/news/2026/11/islam-qala-reopens',
      images: [{ url: 'https://herattimes.example/media/islam-qala-queue.jpg' }],
    });
    // Relative links in the body resolve against the item's own link.
    expect(first!.body).toContain('href="https://herattimes.example/news/2026/11/islam-qala-closed"');
    expect(first!.body).toContain('src="https://herattimes.example/media/islam-qala-queue.jpg"');
    // Without content:encoded, the description is the body and there is no summary.
    expect(dari).toMatchObject({ headline: 'بازگشایی دوباره مکاتب دخترانه در هرات', bylines: ['مریم احمدی'] });
    expect(dari!.summary).toBeUndefined();
    expect(dari!.body).toContain('مکاتب دخترانه');
    expect(third).not.toHaveProperty('category');
  });

  it('maps Atom entries: xhtml content, html titles, authors, category labels, links against xml:base', () => {
    const [night, russian] = fromFeed(fixture('atom-partner.xml'));
    expect(night).toMatchObject({
      externalId: 'tag:balkhpost.example,2026-11-30:/stories/4411',
      headline: 'Mazar-i-Sharif airport resumes <em>night</em> flights',
      summary: 'Night flights return after runway lights were replaced.',
      bylines: ['Hamid Karimi'],
      category: 'Transport',
      tags: ['Balkh'],
      publishedAt: '2026-11-30T08:55:00+04:30',
      url: 'https://balkhpost.example/stories/4411-night-flights',
    });
    expect(night!.body).toContain('href="https://balkhpost.example/cities/dubai"');
    expect(russian).toMatchObject({ headline: 'Ученые Балха изучают древние рукописи', bylines: ['Ольга Смирнова'] });
  });

  it('refuses a feed with an external entity or a bomb before feedsmith reads it', () => {
    expect(() => fromFeed(fixture('hostile-xxe.xml'))).toThrow(/DOCTYPE/);
    expect(() => fromFeed(fixture('hostile-xml-bomb.xml'))).toThrow(/DOCTYPE/);
  });

  it('refuses XML that is neither RSS nor Atom', () => {
    expect(() => fromFeed('<html><body>no feed</body></html>')).toThrow(/not an RSS 2.0 or Atom 1.0 feed/);
  });

  it('leaves links it cannot make http(s) as they are, for the sanitizer to drop', () => {
    expect(resolveLinks('<a href="javascript:alert(1)">x</a><a href="/a">y</a>', 'https://e.example/b/')).toBe(
      '<a href="javascript:alert(1)">x</a><a href="https://e.example/a">y</a>',
    );
  });
});
