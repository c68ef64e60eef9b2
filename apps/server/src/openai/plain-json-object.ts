/**
 * Shape tests for the hand-written request parser. They accept only what `JSON.parse` makes (objects
 * whose prototype is `Object.prototype`), so anything exotic goes to the zod schema, which stays the
 * judge of every odd case.
 */
export type PlainObject = Record<string, unknown>;

export function isPlainObject(value: unknown): value is PlainObject {
  return typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;
}

/**
 * A plain object that zod's `z.record(z.string(), …)` copies key for key: no own `__proto__` (zod skips
 * it), no symbol keys (zod rejects them) and no constructor function of its own (zod's plain-object test
 * looks at it). Such a record can be used as is instead of copied.
 */
export function isPlainRecord(value: unknown): value is PlainObject {
  if (!isPlainObject(value)) return false;
  if (Object.hasOwn(value, '__proto__')) return false;
  if (typeof value.constructor === 'function' && value.constructor !== Object) return false;
  return Object.getOwnPropertySymbols(value).length === 0;
}

/** `undefined` or `null`: what `.nullish()` lets through. */
export function isNullish(value: unknown): value is null | undefined {
  return value === undefined || value === null;
}
