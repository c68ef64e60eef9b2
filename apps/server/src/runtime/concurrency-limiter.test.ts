import { LLMRouterError } from '@llmrouter/errors';
import { describe, expect, it } from 'vitest';
import { ConcurrencyLimiter } from './concurrency-limiter';

describe('ConcurrencyLimiter', () => {
  it('answers overloaded (retryable, so a fallback takes it) once a model is at its cap, per model', () => {
    const limiter = new ConcurrencyLimiter(2);
    const first = limiter.acquire('haiku');
    limiter.acquire('haiku');
    let caught: unknown;
    try {
      limiter.acquire('haiku');
    } catch (error) {
      caught = error;
    }
    expect(LLMRouterError.hasCode(caught, 'overloaded')).toBe(true);
    expect((caught as LLMRouterError).retryable).toBe(true);
    expect((caught as LLMRouterError).hint).toContain('max_concurrency_per_model');
    expect(() => limiter.acquire('sonnet')).not.toThrow();

    first();
    first(); // Releasing twice must not free a second slot.
    expect(limiter.count('haiku')).toBe(1);
    expect(() => limiter.acquire('haiku')).not.toThrow();
    expect(() => limiter.acquire('haiku')).toThrow(/in flight/);
  });
});
