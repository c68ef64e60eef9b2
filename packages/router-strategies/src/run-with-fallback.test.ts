import { ERROR_CODES, type ErrorCode, LLMRouterError } from '@llmrouter/errors';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runWithFallback } from './run-with-fallback';

const codes = Object.keys(ERROR_CODES) as ErrorCode[];

describe('runWithFallback', () => {
  it('tries fallbacks in order on retryable errors and reports each failure', async () => {
    const tried: string[] = [];
    const outcome = await runWithFallback({
      decision: { model: 'a' },
      fallbackModels: ['b', 'a', 'c'],
      contentSent: () => false,
      attempt: async (model) => {
        tried.push(model);
        if (model === 'a') throw new LLMRouterError({ code: 'provider_rate_limited', message: 'slow down' });
        if (model === 'b') throw new LLMRouterError({ code: 'model_access_denied', message: 'no access' });
        return `answer from ${model}`;
      },
    });
    expect(tried).toEqual(['a', 'b', 'c']);
    expect(outcome).toMatchObject({
      value: 'answer from c',
      model: 'c',
      attempts: [
        { model: 'a', code: 'provider_rate_limited' },
        { model: 'b', code: 'model_access_denied' },
      ],
    });
  });

  it('ends with all_targets_failed listing every model and code', async () => {
    const failure = runWithFallback({
      decision: { model: 'a' },
      fallbackModels: ['b'],
      contentSent: () => false,
      attempt: async () => {
        throw new LLMRouterError({ code: 'provider_unavailable', message: '503' });
      },
    });
    await expect(failure).rejects.toMatchObject({
      code: 'all_targets_failed',
      message: expect.stringContaining('a (provider_unavailable), b (provider_unavailable)'),
      details: { attempts: [{ model: 'a' }, { model: 'b' }] },
    });
  });

  it('never retries after content was sent, and never on a non-retryable error', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.constantFrom(...codes), { minLength: 1, maxLength: 5 }),
        fc.integer({ min: 0, max: 5 }),
        async (failures, sentAfter) => {
          const models = failures.map((_, index) => `m${index}`);
          let calls = 0;
          let sent = false;
          const run = runWithFallback({
            decision: { model: models[0]! },
            fallbackModels: models.slice(1),
            contentSent: () => sent,
            attempt: async (model) => {
              const index = calls++;
              if (index >= sentAfter) sent = true;
              throw new LLMRouterError({ code: failures[index]!, message: `failed ${model}` });
            },
          });
          await expect(run).rejects.toBeInstanceOf(LLMRouterError);
          // Each call after the first is allowed only if the one before was retryable and nothing was sent.
          for (let index = 1; index < calls; index++) {
            expect(ERROR_CODES[failures[index - 1]!].retryable).toBe(true);
            expect(index - 1 < sentAfter).toBe(true);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
