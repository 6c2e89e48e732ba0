import { sourceIdOf } from './source';

describe('sourceIdOf', () => {
  it('is the slug of the name, in any script', () => {
    expect(sourceIdOf('Kabul Wire')).toBe('kabul-wire');
    expect(sourceIdOf('خبرگزاری باختر')).toBe('خبرگزاری-باختر');
  });

  it('gives a name with no letter or digit an id of its own rather than refusing it', () => {
    const id = sourceIdOf('\b=');
    expect(id).toMatch(/^source-[0-9a-f]{12}$/);
    expect(sourceIdOf('\b=')).toBe(id);
    expect(sourceIdOf('*=*')).not.toBe(id);
  });
});
