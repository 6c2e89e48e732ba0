import { weigh } from './weigh';

describe('weigh', () => {
  it('counts buffers by length, strings by characters, and objects by their parts', () => {
    expect(weigh(Buffer.alloc(5000))).toBeGreaterThanOrEqual(5000);
    expect(weigh('x'.repeat(1000))).toBeGreaterThanOrEqual(2000);
    const article = { headline: 'h'.repeat(100), body: 'b'.repeat(4000), tags: ['a', 'b'], at: new Date() };
    const list = Array.from({ length: 30 }, () => article);
    expect(weigh(list)).toBeGreaterThanOrEqual(30 * 8200);
    expect(weigh({ kind: 'visible', json: Buffer.alloc(3000), article })).toBeGreaterThan(3000 + 8200);
  });

  it('stops at a depth no cached value reaches, so a cycle cannot hang it', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(weigh(cyclic)).toBeGreaterThan(0);
  });
});
