/** Bytes counted for a number, boolean, null or the bookkeeping of one object property or array slot. */
const SLOT = 8;
/** Bytes counted for an object or array header. */
const HEADER = 32;
/** Deeper than any cached value goes: past it a value counts as one slot. */
const MAX_DEPTH = 8;

/**
 * An estimate of the memory a cached value holds: buffers by their length, strings at two bytes a
 * character (V8 keeps non-Latin-1 strings that way; Latin-1 ones are over-counted, which errs safe),
 * objects and arrays by their parts. Cheap enough to run once per load; not an exact heap size.
 */
export function weigh(value: unknown, depth = 0): number {
  if (Buffer.isBuffer(value)) return HEADER + value.length;
  if (typeof value === 'string') return HEADER + value.length * 2;
  if (value === null || typeof value !== 'object' || depth >= MAX_DEPTH) return SLOT;
  if (value instanceof Date) return HEADER;
  let bytes = HEADER;
  if (Array.isArray(value)) for (const item of value) bytes += SLOT + weigh(item, depth + 1);
  else for (const [key, item] of Object.entries(value)) bytes += SLOT + key.length + weigh(item, depth + 1);
  return bytes;
}
