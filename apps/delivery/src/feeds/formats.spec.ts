import { XMLParser } from 'fast-xml-parser';
import { FeedItem, FeedMeta } from './feed-model';
import { atom, rss } from './formats';
import { escapeXml } from './xml';

const meta: FeedMeta = {
  title: 'News & <More>',
  description: 'd',
  language: 'en',
  homeUrl: 'https://news.example/',
  selfBase: 'https://news.example/feeds/latest',
  siteName: 'News',
};
const item: FeedItem = {
  guid: 'urn:broadsheet:article:1',
  url: 'https://news.example/articles/a',
  title: 'Tom & "Jerry" <b>',
  contentHtml: '<p>A &amp; B</p>',
  authors: [],
  category: 'World',
  tags: [],
  published: new Date('2026-11-30T05:00:00Z'),
  updated: new Date('2026-11-30T06:00:00Z'),
};

describe('feed XML', () => {
  it('escapes text and drops characters XML 1.0 cannot carry', () => {
    expect(escapeXml('a\u0001<&>"\'')).toBe('a&lt;&amp;&gt;&quot;&apos;');
  });

  it('writes well-formed RSS and Atom whose text reads back exactly', () => {
    const parser = new XMLParser({ ignoreAttributes: false });
    const r = parser.parse(rss(meta, [item])) as { rss: { channel: { title: string; item: { title: string } } } };
    expect(r.rss.channel.title).toBe('News & <More>');
    expect(r.rss.channel.item.title).toBe('Tom & "Jerry" <b>');
    const a = parser.parse(atom(meta, [item])) as { feed: { updated: string; entry: { author: { name: string } } } };
    expect(a.feed.updated).toBe('2026-11-30T06:00:00.000Z');
    // Atom requires an author: a story without a byline is credited to the site.
    expect(a.feed.entry.author.name).toBe('News');
  });
});
