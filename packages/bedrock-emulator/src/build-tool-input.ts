/** JSON Schema, read loosely: only the keywords used to fill in an example value. */
interface Schema {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  minimum?: number;
  anyOf?: Schema[];
  oneOf?: Schema[];
}

/**
 * Builds the input of a tool call from the tool's JSON schema: every required property gets a value,
 * strings taken from the user's text where possible (`name: value`, a quoted phrase, or the last
 * capitalised word — "weather in Paris" gives `Paris`).
 */
export function buildToolInput(schema: unknown, userText: string): Record<string, unknown> {
  const value = exampleFor(asSchema(schema), '', userText);
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

function asSchema(value: unknown): Schema {
  return value !== null && typeof value === 'object' ? (value as Schema) : {};
}

function exampleFor(schema: Schema, name: string, userText: string): unknown {
  if (schema.const !== undefined) return schema.const;
  if (schema.enum && schema.enum.length > 0) return schema.enum[0];
  if (schema.default !== undefined) return schema.default;
  const alternative = schema.anyOf?.[0] ?? schema.oneOf?.[0];
  if (alternative) return exampleFor(alternative, name, userText);
  const type = Array.isArray(schema.type) ? schema.type.find((item) => item !== 'null') : schema.type;
  switch (type ?? (schema.properties ? 'object' : 'string')) {
    case 'object': {
      const result: Record<string, unknown> = {};
      for (const key of schema.required ?? []) {
        result[key] = exampleFor(asSchema(schema.properties?.[key]), key, userText);
      }
      return result;
    }
    case 'array':
      return [exampleFor(asSchema(schema.items), name, userText)];
    case 'integer':
      return Math.ceil(schema.minimum ?? 1);
    case 'number':
      return schema.minimum ?? 1;
    case 'boolean':
      return true;
    case 'null':
      return null;
    default:
      return stringFromText(name, userText);
  }
}

function stringFromText(name: string, userText: string): string {
  if (name) {
    const labelled = new RegExp(`\\b${escapeRegExp(name)}\\s*[:=]\\s*("([^"]+)"|([^\\s,;]+))`, 'i').exec(
      userText,
    );
    const found = labelled?.[2] ?? labelled?.[3];
    if (found) return found;
  }
  const quoted = /["“]([^"”]+)["”]/.exec(userText)?.[1];
  if (quoted) return quoted;
  const capitalised = userText.match(/(?<![.!?]\s|^)\b[A-Z][\p{L}-]+(?:\s+[A-Z][\p{L}-]+)*/gu)?.at(-1);
  if (capitalised) return capitalised;
  const words = userText.trim().split(/\s+/).filter(Boolean);
  return words.at(-1)?.replace(/[^\p{L}\p{N}-]/gu, '') || name || 'value';
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
