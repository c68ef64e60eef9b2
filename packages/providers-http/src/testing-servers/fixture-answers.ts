/**
 * The deterministic "model" behind both loopback servers: it greets and echoes the last user text,
 * one token per word, and calls a tool with arguments built from the tool's schema.
 */
export function answerTokens(prompt: string): string[] {
  const words = `Hello from the loopback model. You said: ${prompt}`.split(/\s+/).filter(Boolean);
  return words.map((word, index) => (index === 0 ? word : ` ${word}`));
}

/** Rough token count of a prompt: whitespace-separated words, at least one. */
export function countTokens(texts: string[]): number {
  return Math.max(1, texts.join(' ').split(/\s+/).filter(Boolean).length);
}

/** Arguments for a forced tool call: strings take the last capitalised word of the prompt ("Paris"). */
export function toolArguments(parameters: unknown, prompt: string): Record<string, unknown> {
  const properties = ((parameters as { properties?: Record<string, { type?: string }> })?.properties ??
    {}) as Record<string, { type?: string }>;
  const capitalised = prompt.match(/[A-Z][a-z]+/g)?.at(-1) ?? 'Value';
  const result: Record<string, unknown> = {};
  for (const [name, schema] of Object.entries(properties)) {
    result[name] =
      schema.type === 'number' || schema.type === 'integer'
        ? 42
        : schema.type === 'boolean'
          ? true
          : capitalised;
  }
  return result;
}

/** Splits text into pieces of `size` characters: how the servers stream tool arguments. */
export function fragments(text: string, size: number): string[] {
  const pieces: string[] = [];
  for (let offset = 0; offset < text.length; offset += size) pieces.push(text.slice(offset, offset + size));
  return pieces.length > 0 ? pieces : [''];
}

/** A deterministic unit-ish vector for an embedding input. */
export function fixtureVector(text: string, dimensions: number): number[] {
  const vector: number[] = [];
  for (let index = 0; index < dimensions; index++) {
    const code = text.charCodeAt(index % Math.max(1, text.length)) || 1;
    vector.push(((code * (index + 1)) % 97) / 97);
  }
  return vector;
}
