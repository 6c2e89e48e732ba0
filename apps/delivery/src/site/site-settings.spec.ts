import { adSlotsSetting, socialLinksSetting } from './site-settings';

describe('site settings', () => {
  it('uses the defaults when unset and reads JSON when given', () => {
    expect(adSlotsSetting.parse(undefined).front?.length).toBeGreaterThan(0);
    expect(adSlotsSetting.parse('{"article":[{"id":"mpu","width":300,"height":600}]}')).toEqual({
      article: [{ id: 'mpu', width: 300, height: 600, place: 'top' }],
    });
  });

  it('refuses what is not JSON, an unknown page type, or a link that is not http(s)', () => {
    expect(adSlotsSetting.safeParse('{').success).toBe(false);
    expect(adSlotsSetting.safeParse('{"home":[]}').success).toBe(false);
    expect(socialLinksSetting.safeParse('[{"name":"X","url":"javascript:alert(1)"}]').success).toBe(false);
  });
});
