/*
 * Ways to break a valid chat completions body at one place, for the property test that holds the
 * hand-written parser to the zod schema. Breaks aim at the fields the schema reads and at values just
 * past its limits, where a hand-written check is most likely to differ.
 */

type Path = Array<string | number>;
type Node = { path: Path; node: unknown };
export type Mutation = 'nudge' | 'replace' | 'remove' | 'add-key' | 'wrap' | 'null-prototype' | 'grow';
export interface Change {
  kind: Mutation;
  /** Which place (modulo the number of places), and which of its neighbours for `nudge`. */
  at: number;
  pick: number;
  /** The key `add-key` adds, and the value `replace` and `add-key` put in. */
  key: string;
  value: () => unknown;
}

function isPlain(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;
}

/** A deep copy that keeps own `__proto__` keys, `undefined` and `-0` (a JSON round trip would not). */
function copy(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(copy);
  if (!isPlain(value)) return value;
  const result: Record<string, unknown> = {};
  for (const key of Object.keys(value)) setOwn(result, key, copy(value[key]));
  return result;
}

/** Sets an own data property, even `__proto__`, as `JSON.parse` does. */
function setOwn(target: object, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** Every key the schema reads; vendor extras and JSON Schema insides are not worth breaking. */
const schemaKeys = new Set(
  (
    'model messages stream stream_options include_usage max_tokens max_completion_tokens temperature top_p ' +
    'stop seed n tools tool_choice response_format user metadata role content name type text image_url url ' +
    'detail tool_calls id function arguments tool_call_id description parameters strict json_schema schema'
  ).split(' '),
);
/** Records whose own entries the schema checks (metadata values) or copies (parameters, schema). */
const recordKeys = new Set(['metadata', 'parameters', 'schema']);

/** The places worth breaking: the body, schema fields, array items and record entries. */
function places(value: unknown, path: Path, into: Node[]): Node[] {
  into.push({ path, node: value });
  const last = path[path.length - 1];
  if (Array.isArray(value)) value.forEach((item, index) => void places(item, [...path, index], into));
  else if (isPlain(value))
    for (const key of Object.keys(value)) {
      if (typeof last === 'string' && recordKeys.has(last))
        into.push({ path: [...path, key], node: value[key] });
      else if (schemaKeys.has(key)) places(value[key], [...path, key], into);
    }
  return into;
}

/** Just past the limits in the schema: `n` 1, `top_p` 1, `temperature` 2, safe integers. */
const numberEdges = [0, 1, 1.5, 2.5, -1, -0.5, 2 ** 53];

/** Values next to `value` that a parser may get wrong: one past a limit, null for absent, and so on. */
function neighbours(value: unknown): unknown[] {
  const common = [null, undefined];
  if (typeof value === 'string')
    return [...common, '', `${value}x`, value.padEnd(65, 'x'), value.padEnd(64, '😀'), value.length, [value]];
  if (typeof value === 'number')
    return [
      ...common,
      value + 1,
      value - 1,
      -value,
      value + 0.5,
      value * 2 ** 53,
      String(value),
      ...numberEdges,
    ];
  if (typeof value === 'boolean') return [...common, String(value), Number(value)];
  if (value === null || value === undefined) return [undefined, null, false, 0, '', {}, []];
  if (Array.isArray(value)) return [...common, {}, [], [...value, ...value, ...value, ...value, ...value]];
  return [...common, [], {}, [value]];
}

/** `body` with one change; `body` itself is left alone (fast-check may reuse it while shrinking). */
export function mutate(body: unknown, change: Change): unknown {
  const root = copy(body);
  const nodes = places(root, [], []);
  const { path, node } = nodes[change.at % nodes.length]!;
  let replacement: unknown;
  switch (change.kind) {
    case 'nudge': {
      const candidates = neighbours(node);
      replacement = candidates[change.pick % candidates.length];
      break;
    }
    case 'wrap':
      replacement = [node];
      break;
    case 'null-prototype':
      replacement = isPlain(node) ? Object.assign(Object.create(null), node) : change.value();
      break;
    case 'grow':
      replacement = Array.isArray(node) ? [...node, ...node, change.value()] : change.value();
      break;
    case 'add-key':
      if (isPlain(node)) {
        setOwn(node, change.key, change.value());
        return root;
      }
      replacement = change.value();
      break;
    default:
      replacement = change.value();
  }
  if (path.length === 0) return change.kind === 'remove' ? undefined : replacement;
  const parent = path.slice(0, -1).reduce<unknown>((at, key) => (at as Record<string, unknown>)[key], root);
  const last = path[path.length - 1]!;
  if (Array.isArray(parent) && typeof last === 'number') {
    if (change.kind === 'remove') parent.splice(last, 1);
    else parent[last] = replacement;
  } else if (isPlain(parent) && typeof last === 'string') {
    if (change.kind === 'remove') delete parent[last];
    else setOwn(parent, last, replacement);
  }
  return root;
}

/** Every body one nudge, removal or prototype change away from `body`. */
export function* everySingleChange(body: unknown): Generator<unknown> {
  const count = places(body, [], []).length;
  const value = () => undefined;
  for (let at = 0; at < count; at++) {
    const { node } = places(body, [], [])[at]!;
    for (let pick = 0; pick < neighbours(node).length; pick++)
      yield mutate(body, { kind: 'nudge', at, pick, key: '', value });
    yield mutate(body, { kind: 'remove', at, pick: 0, key: '', value });
    if (isPlain(node)) yield mutate(body, { kind: 'null-prototype', at, pick: 0, key: '', value });
  }
}
