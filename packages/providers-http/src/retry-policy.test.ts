import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isRetryableStatus, parseRetryAfter, retryDelayMs } from './retry-policy';

describe('retry policy', () => {
  it('reads Retry-After as seconds, as an HTTP date, and retry-after-ms', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('3', undefined, now)).toBe(3000);
    expect(parseRetryAfter('0.5', undefined, now)).toBe(500);
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:10 GMT', undefined, now)).toBe(10_000);
    expect(parseRetryAfter('Wed, 31 Dec 2025 23:59:00 GMT', undefined, now)).toBe(0);
    expect(parseRetryAfter('soon', undefined, now)).toBeUndefined();
    expect(parseRetryAfter(undefined, '250', now)).toBe(250);
    expect(parseRetryAfter(undefined, undefined, now)).toBeUndefined();
  });

  it('retries 408, 429 and 5xx but not 4xx or 501', () => {
    expect([408, 429, 500, 502, 503, 504, 529].every(isRetryableStatus)).toBe(true);
    expect([400, 401, 403, 404, 413, 422, 501].some(isRetryableStatus)).toBe(false);
  });

  it('backs off exponentially with jitter, and Retry-After wins', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 1, max: 1000 }), (retry, base) => {
        const delay = retryDelayMs(retry, base, undefined);
        const step = Math.min(30_000, base * 2 ** retry);
        expect(delay).toBeGreaterThanOrEqual(Math.floor(step / 2));
        expect(delay).toBeLessThanOrEqual(step);
        expect(retryDelayMs(retry, base, 1234)).toBe(1234);
      }),
      { numRuns: 100 },
    );
  });
});
