export type Dictionary = Record<string, unknown>;

/** A plain object (not null, not an array): the shape of every YAML mapping the loaders walk. */
export function isDictionary(value: unknown): value is Dictionary {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
