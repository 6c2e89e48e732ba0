import { ErrorDetail } from '@broadsheet/contracts';

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
