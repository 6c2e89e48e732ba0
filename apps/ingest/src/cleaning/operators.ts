import { ErrorDetail, imageSchema, submissionSchema } from '@broadsheet/contracts';
import { wireFields } from '../submissions/wire-status';

/**
 * Keys that start with `$` (`$where`, `$gt`) are query operators, never story fields: a story carrying one
 * is refused with the path of each, rather than having them silently dropped, so a probe learns nothing.
 */
export function operatorKeys(value: unknown, path = '', depth = 0): ErrorDetail[] {
  if (depth > 20 || typeof value !== 'object' || value === null) return [];
  const found: ErrorDetail[] = [];
  for (const [key, v] of Object.entries(value)) {
    const at = path ? `${path}.${key}` : key;
    // `$schema` at the top is JSON Schema's declaration (ninjs 3 documents carry it), not an operator.
    if (key === '$schema' && depth === 0) continue;
    if (key.startsWith('$')) found.push({ path: at, message: 'keys starting with $ are not accepted' });
    else found.push(...operatorKeys(v, at, depth + 1));
  }
  return found;
}

const storyKeys = new Set([...Object.keys(submissionSchema.shape), ...Object.keys(wireFields)]);
const imageKeys = new Set(Object.keys(imageSchema.shape));
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const readable = (o: Record<string, unknown>, keys: Set<string>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(o).filter(([k]) => keys.has(k) || k.startsWith('$')));

/**
 * What of a canonical story its schema reads (its fields and its images' fields), plus every `$` key beside
 * them, for `operatorKeys`. Whatever lies under any other key is dropped unread by the schema, so it can
 * carry no operator into the store, and the OpenAPI document allows such extra keys.
 */
export function readPart(raw: unknown): unknown {
  if (!isRecord(raw)) return raw;
  const kept = readable(raw, storyKeys);
  const images: unknown = kept.images;
  if (Array.isArray(images)) kept.images = images.map((i: unknown) => (isRecord(i) ? readable(i, imageKeys) : i));
  return kept;
}
