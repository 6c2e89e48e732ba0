import { fromFeed } from '../formats/feed';
import { fixture, jsonFixture } from '../formats/fixtures';
import { fromNewsml } from '../formats/newsml';
import { fromNinjs } from '../formats/ninjs';
import { intake, SourceProfile } from './intake';

const wire: SourceProfile = { name: 'wire', autoPublish: false };
const ok = (raw: unknown, source = wire) => {
  const r = intake(raw, source);
  if (!r.ok) throw new Error(JSON.stringify(r.reasons));
  return r;
};

describe('intake (every format through the same cleaning)', () => {
  it('refuses a query operator and any key that is no field, each by name, wherever it is sent', () => {
    const story = { externalId: 'a', headline: 'Rain in Kabul', body: '<p>It rained.</p>' };
    const paths = (raw: unknown) => {
      const r = intake(raw, wire);
      return r.ok ? [] : r.reasons.map((reason) => reason.path);
    };
    expect(paths({ ...story, $where: 'sleep(1000)' })).toEqual(['$where']);
    expect(paths({ ...story, images: [{ url: 'https://x.test/a.jpg', $gt: '' }] })).toEqual(['images.0.$gt']);
    expect(paths({ ...story, extra: { $ne: 1 }, images: [{ url: 'https://x.test/a.jpg', x: [{ $gt: 1 }] }] })).toEqual([
      'extra.$ne',
      'images.0.x.0.$gt',
    ]);
    // Nothing sent is dropped unread: a typo or a field the contract lacks is named, not lost.
    expect(paths({ ...story, headlin: 'Rain', images: [{ url: 'https://x.test/a.jpg', title: 'x' }] })).toEqual([
      'images.0.title',
      'headlin',
    ]);
  });

  it('gives a story without a category its source default, else "News", and never refuses it for that', () => {
    const story = { externalId: 'a', headline: 'Rain in Kabul', body: '<p>It rained.</p>' };
    expect(ok(story).story).toMatchObject({ category: 'news', categoryLabel: 'News' });
    expect(ok(story, { ...wire, defaultCategory: 'Weather' }).story.category).toBe('weather');
    // A category sent empty of text is still refused, under its name.
    const refused = intake({ ...story, category: '<b></b>' }, wire);
    expect(refused.ok ? [] : refused.reasons.map((r) => r.path)).toEqual(['category']);
  });

  it('maps an IPTC subject to its category ahead of the source default', () => {
    const source = { ...wire, defaultCategory: 'World' };
    expect(ok(fromNinjs(jsonFixture('ninjs-2.json')), source).story.category).toBe('weather');
    expect(ok(fromNewsml(fixture('newsml-g2.xml')), source).story.category).toBe('business-economy');
  });

  it('keeps an agency flash (headline, no body) as a flash whose body repeats the headline', () => {
    const r = ok(fromNinjs(jsonFixture('ninjs-flash.json')));
    expect(r.story).toMatchObject({
      flash: true,
      headline: 'FLASH: Magnitude 6.1 earthquake strikes Badakhshan - USGS',
      body: '<p>FLASH: Magnitude 6.1 earthquake strikes Badakhshan - USGS</p>',
    });
    expect(r.story.summary).toBeUndefined();
    expect(r.signature).toEqual([]);
    expect(ok({ externalId: 'b', headline: 'h', body: '<p>x</p>' }).story.flash).toBeUndefined();
  });

  it('counts what the sanitizer removed: script, event handlers', () => {
    const [islamQala] = fromFeed(fixture('rss-partner.xml'));
    const r = ok(islamQala);
    expect(r.story.body).not.toMatch(/script|onerror|evil/);
    // <script> element, onerror attribute (the added rel on the link is not counted as removal).
    expect(r.sanitizerRemoved).toBe(2);
    expect(ok({ externalId: 'c', headline: 'h', body: '<p>clean</p>' }).sanitizerRemoved).toBe(0);
  });

  it('turns dates from any format into UTC ISO-8601', () => {
    const [rss] = fromFeed(fixture('rss-partner.xml'));
    expect(ok(rss).story.publishedAt).toBe('2026-11-30T03:45:00.000Z');
    expect(ok(fromNinjs(jsonFixture('ninjs-3.json'))).story.publishedAt).toBe('2026-11-30T02:35:00.000Z');
    const naive = { externalId: 'd', headline: 'h', body: '<p>x</p>', publishedAt: '2026-11-30T10:00:00' };
    expect(ok(naive).story.publishedAt).toBe('2026-11-30T10:00:00.000Z');
    const bad = intake({ ...naive, publishedAt: 'next Tuesday' }, wire);
    expect(bad.ok ? [] : bad.reasons.map((r) => r.path)).toEqual(['publishedAt']);
  });

  it('derives a summary from the body when none is sent, cut at a sentence', () => {
    const body = `<p>${'The council met on Monday to discuss water. '.repeat(10)}</p>`;
    const summary = ok({ externalId: 'e', headline: 'h', body }).story.summary!;
    expect(summary.length).toBeLessThanOrEqual(280);
    expect(summary).toMatch(/^The council met on Monday to discuss water\. .*water\.$/);
  });

  it('trims, de-duplicates and slugs tags', () => {
    expect(ok(fromNinjs(jsonFixture('ninjs-1.json'))).story.tags).toEqual([
      'parliament',
      'budget-1405',
      'budget',
      'kabul',
    ]);
  });

  it('keeps non-Latin headlines byte for byte (Dari with ZWNJ, Pashto, Russian)', () => {
    const [, dari] = fromFeed(fixture('rss-partner.xml'));
    expect(Buffer.from(ok(dari).story.headline)).toEqual(Buffer.from('بازگشایی دوباره مکاتب دخترانه در هرات'));
    const pashto = ok(fromNinjs(jsonFixture('ninjs-3.json'))).story;
    expect(pashto.headline).toBe('په کندهار کې نوی روغتون پرانیستل شو');
    const [, russian] = fromFeed(fixture('atom-partner.xml'));
    expect(ok(russian).story.headline).toBe('Ученые Балха изучают древние рукописи');
    const zwnj = 'می\u200cگویند';
    expect(ok({ externalId: 'f', headline: zwnj, body: `<p>${zwnj}</p>` }).story.headline).toBe(zwnj);
  });

  it('refuses query operators as keys anywhere in a story, naming each', () => {
    const r = intake({ externalId: 'h', headline: { $gt: '' }, body: '<p>x</p>', $where: 'sleep(1000)' }, wire);
    expect(r.ok ? [] : r.reasons.map((d) => d.path)).toEqual(['headline.$gt', '$where']);
    expect(
      intake({ $schema: 'http://www.iptc.org/std/ninjs/ninjs-schema_3.0.json', externalId: 'i', headline: 'h' }, wire)
        .ok,
    ).toBe(true);
  });

  it('marks a trusted source’s stories for auto-publishing', () => {
    expect(
      ok({ externalId: 'g', headline: 'h', body: '<p>x</p>' }, { ...wire, autoPublish: true }).story.autoPublish,
    ).toBe(true);
  });
});
