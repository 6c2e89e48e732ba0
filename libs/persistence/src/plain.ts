/** Mongo keeps `_id`; the domain speaks of `id`. Repositories return plain objects through this. */
export function withId<T extends { _id: unknown }>(doc: T): Omit<T, '_id' | '__v'> & { id: string } {
  const { _id, ...rest } = doc as T & { __v?: unknown };
  delete rest.__v;
  return { ...(rest as Omit<T, '_id' | '__v'>), id: String(_id) };
}

/** Mongo's duplicate-key error: a unique index refused the write. */
export function isDuplicateKey(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 11000;
}
