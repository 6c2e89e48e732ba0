import { z } from 'zod';
import { searchQuerySchema } from '../search/dto';

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** `2026-02-31` is no day, though Date.parse reads it as March 3rd. */
function isRealDay(v: string): boolean {
  const at = new Date(`${v}T00:00:00.000Z`);
  return !Number.isNaN(at.getTime()) && at.toISOString().startsWith(v);
}

/**
 * A day as a date input sends it (`2026-11-30`), or a full ISO-8601 time as the API takes it; an empty
 * field (the form sends `from=` when left blank) is no bound. A day covers the whole day in UTC: `from`
 * from its first millisecond, `to` to its last.
 */
const dayBound = (edge: 'start' | 'end') =>
  z.preprocess(
    (v) => (v === '' ? undefined : v),
    z
      .union([z.string().regex(DAY).refine(isRealDay, 'not a real day'), z.iso.datetime({ offset: true })])
      .transform((v) => {
        if (!DAY.test(v)) return new Date(v);
        const start = new Date(`${v}T00:00:00.000Z`);
        return edge === 'start' ? start : new Date(start.getTime() + 86_400_000 - 1);
      })
      .optional(),
  );

/** The search page's options: the API's, with day bounds as its date inputs send them. */
export const searchPageQuerySchema = searchQuerySchema.extend({ from: dayBound('start'), to: dayBound('end') });

/** The bound as the reader gave it, to show back in the form and carry in links (a day, or the time given). */
export function givenBound(raw: unknown): string | undefined {
  return typeof raw === 'string' && raw !== '' ? raw : undefined;
}

/** What a date input can show back: only a day. */
export function dayOf(given: string | undefined): string | undefined {
  return given && DAY.test(given) ? given : undefined;
}
