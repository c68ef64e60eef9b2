import { inspect } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES, LLMRouterError, REDACTED, registerSecret, toLLMRouterError } from './index';

describe('LLMRouterError', () => {
  it('takes defaults for retryable and hint from its code', () => {
    const error = new LLMRouterError({ code: 'provider_rate_limited', message: 'slow down' });
    expect(error.retryable).toBe(true);
    expect(error.hint).toBe(ERROR_CODES.provider_rate_limited.summary);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('LLMRouterError');
  });

  it('is recognised across duplicate copies of the package', async () => {
    // A query string makes Vite load a second, independent instance of the module.
    const specifier = './llmrouter-error?duplicate';
    const copy = (await import(/* @vite-ignore */ specifier)) as typeof import('./llmrouter-error');
    expect(copy.LLMRouterError).not.toBe(LLMRouterError);
    const foreign = new copy.LLMRouterError({ code: 'no_route', message: 'nothing fits' });
    expect(foreign instanceof LLMRouterError).toBe(false);
    expect(LLMRouterError.is(foreign)).toBe(true);
    expect(LLMRouterError.hasCode(foreign, 'no_route')).toBe(true);
    expect(LLMRouterError.hasCode(foreign, 'internal')).toBe(false);
    expect(LLMRouterError.is(new Error('plain'))).toBe(false);
    expect(LLMRouterError.is({ code: 'no_route' })).toBe(false);
  });

  it('redacts secrets in message, details, toJSON and inspect, keeping token counts', () => {
    const secret = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
    const error = new LLMRouterError({
      code: 'provider_auth',
      message: `signature mismatch for ${secret}`,
      details: {
        secretAccessKey: secret,
        inputTokens: 12,
        headers: { authorization: 'Bearer abcdefghijkl' },
      },
      cause: new Error(`upstream said key=${secret}`),
    });
    const outputs = [error.message, JSON.stringify(error.details), JSON.stringify(error), inspect(error)];
    for (const output of outputs) expect(output).not.toContain(secret);
    expect(error.details?.inputTokens).toBe(12);
    expect(error.toJSON().cause?.message).toContain(REDACTED);
  });

  it('wraps foreign errors and keeps LLMRouterErrors', () => {
    const original = new LLMRouterError({ code: 'aborted', message: 'stop' });
    expect(toLLMRouterError(original, { code: 'internal' })).toBe(original);
    const wrapped = toLLMRouterError(new TypeError('boom'), { code: 'internal' });
    expect(wrapped.code).toBe('internal');
    expect(wrapped.message).toBe('boom');
    expect(wrapped.cause).toBeInstanceOf(TypeError);
  });
});

const base64Character = fc.constantFrom(
  ...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'.split(''),
);
const alphanumeric = fc.constantFrom(
  ...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'.split(''),
);
const upperAlphanumeric = fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'.split(''));
const text = (character: fc.Arbitrary<string>, length: number) =>
  fc.array(character, { minLength: length, maxLength: length }).map((characters) => characters.join(''));

// AWS secret keys always mix cases and digits; force one of each so the generator never yields e.g. 40 'A's.
const awsSecretKey = text(base64Character, 37).map((body) => `aB3${body}`);
const secrets = fc.oneof(
  awsSecretKey,
  text(upperAlphanumeric, 16).map((body) => `AKIA${body}`),
  text(upperAlphanumeric, 16).map((body) => `ASIA${body}`),
  text(base64Character, 160).map((body) => `IQoJb3JpZ2luX2Vj${body}`),
  text(alphanumeric, 40).map((body) => `sk-proj-${body}`),
  text(alphanumeric, 48).map((body) => `nvapi-${body}`),
  text(alphanumeric, 40).map((body) => `sk-ant-api03-${body}`),
  text(base64Character, 60).map((body) => `ABSK${body}`),
);
const prose = fc.string({ maxLength: 30 }).map((value) => value.replace(/[A-Za-z0-9+/=]/g, ' '));

describe('redaction (property)', () => {
  it('never lets a generated secret through message, details, toJSON or inspect', () => {
    fc.assert(
      fc.property(
        secrets,
        prose,
        prose,
        fc.constantFrom('', 'Bearer ', 'api_key=', 'token: '),
        (secret, before, after, label) => {
          const error = new LLMRouterError({
            code: 'provider_auth',
            message: `${before}${label}${secret}${after}`,
            details: { note: `${before}${secret}`, nested: [{ value: secret }], apiKey: secret },
            cause: new Error(secret),
          });
          for (const output of [
            error.message,
            JSON.stringify(error.toJSON()),
            inspect(error, { depth: 5 }),
          ]) {
            expect(output).not.toContain(secret);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('redacts any registered secret value, whatever its shape', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 8, maxLength: 30 }).filter((value) => value.trim().length >= 8),
        (secret) => {
          registerSecret(secret);
          const error = new LLMRouterError({
            code: 'internal',
            message: `value is ${secret}.`,
            details: { text: secret },
          });
          expect(error.message).not.toContain(secret);
          expect(JSON.stringify(error.details)).not.toContain(JSON.stringify(secret).slice(1, -1));
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe('redaction keeps instructions readable', () => {
  it('leaves "Authorization: Bearer <key>" in a hint alone, but not a real bearer token', () => {
    const error = new LLMRouterError({
      code: 'unauthorized',
      message: 'Missing key. Got Authorization: Bearer abcdefghijklmnopqrstuv',
      hint: 'Send "Authorization: Bearer <key>" with a key the gateway accepts.',
    });
    expect(error.hint).toBe('Send "Authorization: Bearer <key>" with a key the gateway accepts.');
    expect(error.message).not.toContain('abcdefghijklmnopqrstuv');
  });
});
