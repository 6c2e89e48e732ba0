import { ingestConfigSchema } from './config';

const base = { JWT_SECRET: 's'.repeat(16) };
const keysOf = (SOURCE_API_KEYS: string) => ingestConfigSchema.safeParse({ ...base, SOURCE_API_KEYS });

describe('SOURCE_API_KEYS', () => {
  it('maps each source to its own key, keeping colons inside a key', () => {
    const parsed = keysOf('wire:aaaaaaaaaaaaaaaa, agency:bbbbbbbb:bbbbbbbb');
    expect(parsed.success && [...parsed.data.SOURCE_API_KEYS]).toEqual([
      ['wire', 'aaaaaaaaaaaaaaaa'],
      ['agency', 'bbbbbbbb:bbbbbbbb'],
    ]);
  });

  it('refuses one key for two sources, which would let either submit as the other', () => {
    const parsed = keysOf('wire:aaaaaaaaaaaaaaaa,agency:aaaaaaaaaaaaaaaa');
    expect(parsed.success).toBe(false);
    expect(JSON.stringify(parsed.error?.issues)).toContain('already the key of another source');
  });

  it('refuses a source listed twice and a short key', () => {
    expect(keysOf('wire:aaaaaaaaaaaaaaaa,wire:bbbbbbbbbbbbbbbb').success).toBe(false);
    expect(keysOf('wire:short').success).toBe(false);
  });
});
