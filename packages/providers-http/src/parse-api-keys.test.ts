import { LLMRouterError } from '@llmrouter/errors';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseApiKeys } from './index';

describe('parseApiKeys (LLMRouter API_KEYS forms)', () => {
  it('reads one key', () => {
    expect(parseApiKeys('nvapi-single-key')).toEqual(['nvapi-single-key']);
  });

  it('reads a comma list, trimming blanks', () => {
    expect(parseApiKeys(' k1-aaaa , k2-bbbb,,k3-cccc ')).toEqual(['k1-aaaa', 'k2-bbbb', 'k3-cccc']);
  });

  it('reads a JSON list', () => {
    expect(parseApiKeys('["k1-aaaa", "k2-bbbb"]')).toEqual(['k1-aaaa', 'k2-bbbb']);
  });

  it('reads the per-service dict, matching the service loosely', () => {
    const value = '{"NVIDIA": "nv-1111,nv-2222", "OpenAI": ["sk-1111"], "Together_AI": "tg-1111"}';
    expect(parseApiKeys(value, { service: 'nvidia' })).toEqual(['nv-1111', 'nv-2222']);
    expect(parseApiKeys(value, { service: 'openai' })).toEqual(['sk-1111']);
    expect(parseApiKeys(value, { service: ['together', 'Together AI'] })).toEqual(['tg-1111']);
    expect(parseApiKeys(value, { service: 'groq' })).toEqual([]);
  });

  it('accepts already-parsed lists and dicts', () => {
    expect(parseApiKeys(['k1-aaaa', 'k2-bbbb,k3-cccc'])).toEqual(['k1-aaaa', 'k2-bbbb', 'k3-cccc']);
    expect(parseApiKeys({ Anthropic: 'a1-aaaa' }, { service: 'anthropic' })).toEqual(['a1-aaaa']);
    expect(parseApiKeys(undefined)).toEqual([]);
    expect(parseApiKeys('')).toEqual([]);
  });

  it('rejects broken JSON without quoting the secret', () => {
    const error = (() => {
      try {
        parseApiKeys('["sk-secret-value-123"');
      } catch (caught) {
        return caught;
      }
    })();
    expect(LLMRouterError.hasCode(error, 'config_invalid')).toBe(true);
    expect(String((error as Error).message)).not.toContain('sk-secret-value-123');
  });

  it('asks for a service when given a dict without one', () => {
    expect(() => parseApiKeys('{"NVIDIA": "k"}')).toThrow(/no service was named/);
  });

  it('every form of the same keys parses to the same list (property)', () => {
    const key = fc.stringMatching(/^[A-Za-z0-9_-]{8,20}$/);
    fc.assert(
      fc.property(fc.array(key, { minLength: 1, maxLength: 5 }), (keys) => {
        expect(parseApiKeys(keys.join(','))).toEqual(keys);
        expect(parseApiKeys(JSON.stringify(keys))).toEqual(keys);
        expect(parseApiKeys(JSON.stringify({ NVIDIA: keys.join(',') }), { service: 'nvidia' })).toEqual(keys);
        expect(parseApiKeys(JSON.stringify({ NVIDIA: keys }), { service: 'NVIDIA' })).toEqual(keys);
      }),
      { numRuns: 100 },
    );
  });
});
