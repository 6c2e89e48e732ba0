import { z } from 'zod';
import { ApiZodQuery, inputJsonSchema } from './openapi';

describe('OpenAPI from zod', () => {
  it('refuses a field without a description, so no parameter goes undocumented', () => {
    expect(() => ApiZodQuery(z.object({ q: z.string() }))).toThrow('query field "q" has no description');
  });

  it('documents what a client sends: defaults optional, dates as date-time strings', () => {
    const schema = inputJsonSchema(
      z.object({
        limit: z.coerce.number().int().default(20).describe('Per page.'),
        from: z.coerce.date().optional().describe('From.'),
      }),
    );
    expect(schema.required ?? []).toEqual([]);
    expect(schema.properties?.from).toMatchObject({ type: 'string', format: 'date-time' });
  });
});
