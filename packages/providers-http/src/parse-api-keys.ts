import { LLMRouterError } from '@llmrouter/errors';

export interface ParseApiKeysOptions {
  /**
   * The service names to pick from the dict form (`{"NVIDIA": "k1,k2"}`), matched without regard to case
   * or punctuation, so `Together`, `together-ai` and `TOGETHER_AI` meet.
   */
  service?: string | readonly string[];
}

/**
 * Reads every form LLMRouter's `API_KEYS` takes: a JSON dict per service (`{"NVIDIA": "k1,k2"}`, values
 * a comma list or a JSON list), a JSON list (`["k1", "k2"]`), a comma list (`k1,k2`) or one key. Also
 * accepts an already-parsed array or object. A dict without an entry for the service gives no keys.
 * Error messages never quote the value: it is a secret.
 */
export function parseApiKeys(value: unknown, options: ParseApiKeysOptions = {}): string[] {
  if (value === undefined || value === null) return [];
  if (typeof value === 'string') return parseText(value, options);
  if (Array.isArray(value)) return value.flatMap((item) => parseScalar(item));
  if (typeof value === 'object') return pickService(value as Record<string, unknown>, options);
  return parseScalar(value);
}

function parseText(text: string, options: ParseApiKeysOptions): string[] {
  const trimmed = text.trim();
  if (trimmed === '') return [];
  if (trimmed.startsWith('[') || trimmed.startsWith('{') || trimmed.startsWith('"')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(trimmed);
    } catch (cause) {
      throw new LLMRouterError({
        code: 'config_invalid',
        message: 'The API keys value starts like JSON but is not valid JSON.',
        hint: 'Write API_KEYS as {"NVIDIA": "k1,k2"}, ["k1", "k2"], k1,k2 or a single key.',
        cause,
      });
    }
    return parseApiKeys(parsed, options);
  }
  return splitList(trimmed);
}

function parseScalar(item: unknown): string[] {
  if (typeof item === 'string') return splitList(item);
  if (typeof item === 'number') return [String(item)];
  return [];
}

// A key never contains a comma, so splitting every string is safe and lets list entries hold lists.
function splitList(text: string): string[] {
  return text
    .split(',')
    .map((key) => key.trim())
    .filter((key) => key.length > 0);
}

function normalizeService(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}

function pickService(dict: Record<string, unknown>, options: ParseApiKeysOptions): string[] {
  const wanted = options.service === undefined ? [] : [options.service].flat().map(normalizeService);
  if (wanted.length === 0) {
    throw new LLMRouterError({
      code: 'config_invalid',
      message: `The API keys value is a per-service dict (${Object.keys(dict).join(', ')}) but no service was named.`,
      hint: 'Pass the service to parseApiKeys(value, { service: "NVIDIA" }), or give a plain list of keys.',
    });
  }
  for (const [name, keys] of Object.entries(dict)) {
    if (wanted.includes(normalizeService(name))) return parseApiKeys(keys, options);
  }
  return [];
}
