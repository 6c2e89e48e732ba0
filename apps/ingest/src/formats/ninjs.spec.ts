import { fixture, jsonFixture } from './fixtures';
import { fromNinjs } from './ninjs';

describe('fromNinjs', () => {
  it('reads ninjs 1.x: body_html, description_text, byline, subject codes, keyed renditions of an associated picture', () => {
    const story = fromNinjs(jsonFixture('ninjs-1.json'));
    expect(story).toMatchObject({
      externalId: 'http://kabulwire.example/2026/11/30/budget-vote',
      headline: 'Parliament passes the 1405 budget after an all-night session',
      summary: 'Lawmakers voted 142 to 96 after fourteen hours of debate.',
      bylines: ['Mariam Ahmadi'],
      category: 'Politics',
      language: 'en',
      publishedAt: '2026-11-30T04:58:00+04:30',
      images: [
        {
          url: 'https://kabulwire.example/img/parliament-1200.jpg',
          alt: 'The lower house in session',
          caption: 'Members of the lower house vote on the budget in Kabul on Monday.',
          credit: 'Kabul Wire / Sahar Noori',
        },
      ],
    });
    expect(story.body).toContain('approved the national budget');
    expect(story.tags).toEqual(['Parliament', ' parliament ', 'Budget 1405', 'budget', 'Kabul']);
  });

  it('reads ninjs 2.x: main headline of several, a NITF body, descriptions, by, subject URIs, listed renditions', () => {
    const story = fromNinjs(jsonFixture('ninjs-2.json'));
    expect(story).toMatchObject({
      externalId: 'urn:newsml:kabulwire.example:20261130:salang-snow',
      headline: 'Snow closes the Salang tunnel for a second day',
      summary: 'Hundreds of vehicles stranded on both sides of the Hindu Kush.',
      bylines: ['Ahmad Shah Noori'],
      category: 'Weather',
      publishedAt: '2026-11-30T06:10:00Z',
      images: [
        { url: 'https://kabulwire.example/img/salang-2400.jpg', caption: expect.stringContaining('south portal') },
      ],
    });
    expect(story.body).toBe(
      '<p>Heavy snow kept the Salang tunnel closed for a second day on Monday, stranding hundreds of vehicles.</p>' +
        '<h2>Convoys wait</h2><p>Officials said ploughs would work through the night &amp; the road could reopen on Tuesday.</p>',
    );
    expect(story.tags).toEqual(['road transport', 'Parwan']);
  });

  it('reads ninjs 3.x in camelCase with an XHTML body, keeping Pashto text as sent', () => {
    const story = fromNinjs(jsonFixture('ninjs-3.json'));
    expect(story).toMatchObject({
      headline: 'په کندهار کې نوی روغتون پرانیستل شو',
      category: 'Health',
      language: 'ps',
      publishedAt: '2026-11-30T07:05:00+04:30',
      images: [{ url: 'https://pajhwok.example/img/hospital.jpg', credit: 'Pajhwok' }],
    });
    expect(story.body).toContain('<p>په کندهار کې د دوشنبې په ورځ');
  });

  it('leaves the body out of a flash, and anything that is not an object maps to nothing', () => {
    expect(fromNinjs(jsonFixture('ninjs-flash.json'))).not.toHaveProperty('body');
    expect(fromNinjs([1, 2])).toEqual({});
    expect(fromNinjs('text')).toEqual({});
  });

  it('refuses a NITF body carrying a DOCTYPE', () => {
    const doc = { uri: 'x', headline: 'h', body_nitf: `<!DOCTYPE nitf [<!ENTITY a "b">]>${fixture('nitf-body.xml')}` };
    expect(() => fromNinjs(doc)).toThrow(/DOCTYPE/);
  });
});
