import { LLMRouterError } from '@llmrouter/errors';

type Check = 'string' | 'url' | 'path' | 'timeout' | 'count' | 'headers' | 'apiKeys' | 'authMode' | 'logger';

const AUTH_MODES = ['bearer', 'api-key', 'none', 'auto'];
const MAX_TIMER_MS = 2_147_483_647;

/**
 * Strict validation of user-facing settings: an unknown key or a wrong type is a config_invalid error
 * that names the key (the settings come from a config file, where a typo should fail loudly).
 */
export function validateSettings(
  owner: string,
  settings: Record<string, unknown>,
  schema: Readonly<Record<string, Check>>,
): void {
  for (const [key, value] of Object.entries(settings)) {
    const check = schema[key];
    if (check === undefined) {
      throw invalid(
        owner,
        key,
        `unknown setting "${key}"`,
        `Remove "${key}" or use one of: ${Object.keys(schema).join(', ')}.`,
      );
    }
    if (value === undefined) continue;
    const problem = checkValue(check, value);
    if (problem)
      throw invalid(owner, key, `setting "${key}" ${problem}`, `Fix "${key}" in the provider block.`);
  }
}

function checkValue(check: Check, value: unknown): string | undefined {
  switch (check) {
    case 'string':
      return typeof value === 'string' ? undefined : 'must be a string';
    case 'url':
      if (typeof value !== 'string') return 'must be a URL string';
      return /^https?:\/\/[^/]+/i.test(value) ? undefined : `must be an http(s) URL, got "${value}"`;
    case 'path':
      return typeof value === 'string' && value.length > 0
        ? undefined
        : 'must be a URL path such as /chat/completions';
    case 'timeout':
      // Node timers cannot wait longer than 2^31 - 1 ms; a larger value would fire at once.
      return typeof value === 'number' && value > 0 && value <= MAX_TIMER_MS
        ? undefined
        : `must be a number of milliseconds between 1 and ${MAX_TIMER_MS}`;
    case 'count':
      return Number.isInteger(value) && (value as number) >= 0 ? undefined : 'must be a whole number ≥ 0';
    case 'headers':
      return isRecord(value) && Object.values(value).every((item) => typeof item === 'string')
        ? undefined
        : 'must map header names to strings';
    case 'apiKeys':
      return typeof value === 'string' || Array.isArray(value) || isRecord(value)
        ? undefined
        : 'must be a list of keys, a comma list or a per-service dict';
    case 'authMode':
      return typeof value === 'string' && AUTH_MODES.includes(value)
        ? undefined
        : `must be one of ${AUTH_MODES.join(', ')}`;
    case 'logger':
      return isRecord(value) ? undefined : 'must be an object with debug/warn functions';
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function invalid(owner: string, key: string, problem: string, hint: string): LLMRouterError {
  return new LLMRouterError({
    code: 'config_invalid',
    message: `${owner}: ${problem}.`,
    hint,
    details: { setting: key },
  });
}
