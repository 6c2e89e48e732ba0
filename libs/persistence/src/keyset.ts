import type { PageKey } from '@broadsheet/contracts';

/** Newest first by `field`, then by id: a stable order even when times are equal. */
export function newestFirst(field: string): Record<string, -1> {
  return { [field]: -1, _id: -1 };
}

/** The filter for the documents strictly after a page's last one, in `newestFirst(field)` order. */
export function afterPageKey(field: string, after?: PageKey): Record<string, unknown> {
  if (!after) return {};
  return { $or: [{ [field]: { $lt: after.at } }, { [field]: after.at, _id: { $lt: after.id } }] };
}
