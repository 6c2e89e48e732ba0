import { DomainError, ErrorCodes, MAX_EVENT_BYTES } from '@broadsheet/contracts';

/** What an entry weighs on the wire: value, key and headers, as Kafka carries them. */
export function serializedBytes(entry: { key: string; value: string; headers: Record<string, string> }): number {
  const headers = Object.entries(entry.headers).reduce(
    (n, [name, value]) => n + Buffer.byteLength(name) + Buffer.byteLength(value),
    0,
  );
  return Buffer.byteLength(entry.value) + Buffer.byteLength(entry.key) + headers;
}

/** Dotted path of the longest string in `data` (e.g. `body`): the field to name when an event is too big. */
export function largestField(data: unknown, at = ''): { path: string; bytes: number } {
  if (typeof data === 'string') return { path: at, bytes: Buffer.byteLength(data) };
  if (typeof data !== 'object' || data === null) return { path: at, bytes: 0 };
  let largest = { path: at, bytes: 0 };
  for (const [key, value] of Object.entries(data)) {
    const found = largestField(value, at ? `${at}.${key}` : key);
    if (found.bytes > largest.bytes) largest = found;
  }
  return largest;
}

/**
 * Refuses an event the broker would refuse: a 413 naming the field that weighs most, raised where the
 * event is made, so the write it belongs to never happens and nothing undeliverable is accepted.
 */
export function assertDeliverable(bytes: number, type: string, data: unknown, limit = MAX_EVENT_BYTES): void {
  if (bytes <= limit) return;
  const field = largestField(data);
  throw new DomainError(
    ErrorCodes.PayloadTooLarge,
    'too large to deliver: the event it makes would exceed the message size limit',
    [
      {
        path: field.path || '(event)',
        message: `after cleaning, the "${type}" event it makes would be ${bytes} bytes; at most ${limit} can be delivered`,
      },
    ],
  );
}
