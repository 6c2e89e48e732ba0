import { fixture } from './fixtures';
import { fromNewsml } from './newsml';

describe('fromNewsml', () => {
  it('reads a newsItem: guid, contentMeta headline, slugline, subjects, by, dateline, language and a NITF body', () => {
    const story = fromNewsml(fixture('newsml-g2.xml'));
    expect(story).toMatchObject({
      externalId: 'urn:newsml:kabulwire.example:20261130:wheat-harvest',
      headline: 'Kunduz farmers bring in the largest wheat harvest in a decade',
      summary: 'Yields rose by a third after irrigation canals were repaired.',
      bylines: ['By Zahra Haidari'],
      category: 'Business & Economy',
      tags: ['AFGHANISTAN-WHEAT/HARVEST', 'agriculture', 'Kunduz'],
      language: 'en',
      publishedAt: '2026-11-30T08:00:00+04:30',
    });
    expect(story.body).toMatch(/^<p><strong>KUNDUZ, Afghanistan, Nov 30 \(Kabul Wire\) -<\/strong> Farmers in Kunduz/);
    expect(story.body).toContain('<p>Prices of flour in local markets fell by 12 percent in November.</p>');
  });

  it('reads an XHTML body inside a newsMessage, entities decoded once', () => {
    const story = fromNewsml(fixture('newsml-g2-xhtml.xml'));
    expect(story).toMatchObject({
      externalId: 'urn:newsml:ariananews.example:20261130:cricket',
      category: 'Sport',
      bylines: ['Ariana News sports desk'],
      publishedAt: '2026-11-30T05:00:00Z',
    });
    expect(story.body).toContain('Rahmanullah Gurbaz made 87 &amp; was named');
  });

  it.each([
    ['an entity-expansion bomb', 'hostile-xml-bomb.xml', /DOCTYPE/],
    ['an external entity', 'hostile-xxe.xml', /DOCTYPE/],
    ['malformed XML', 'hostile-malformed.xml', /malformed XML at line/],
  ])('refuses %s, naming the body', (_what, name, message) => {
    expect(() => fromNewsml(fixture(name))).toThrow(message);
    try {
      fromNewsml(fixture(name));
    } catch (error) {
      expect(error).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ path: 'body' }] });
    }
  });

  it('refuses an entity declaration even without a DOCTYPE keyword it recognises', () => {
    expect(() => fromNewsml('<newsItem><!ENTITY x "y"></newsItem>')).toThrow(/entity declarations/);
  });
});
