import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRouter } from './create-router';
import { candidate, userRequest } from './fixtures.test-support';

describe('round-robin router', () => {
  it('gives each model exactly its weight in every window of sum(weights) picks', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 1, maxLength: 5 }),
        fc.integer({ min: 0, max: 20 }),
        async (weights, offset) => {
          const candidates = weights.map((_, index) => candidate(`m${index}`));
          const router = await createRouter(
            {
              strategy: 'round_robin',
              weights: Object.fromEntries(weights.map((weight, index) => [`m${index}`, weight])),
            },
            { candidates },
          );
          const total = weights.reduce((sum, weight) => sum + weight, 0);
          const picks: string[] = [];
          for (let index = 0; index < offset + total * 3; index++)
            picks.push((await router.route(userRequest('x'), { candidates })).model);
          for (let start = 0; start + total <= picks.length; start++) {
            const window = picks.slice(start, start + total);
            weights.forEach((weight, index) => {
              expect(window.filter((model) => model === `m${index}`).length).toBe(weight);
            });
          }
        },
      ),
      { numRuns: 100 },
    );
  });

  it('interleaves picks smoothly (5:1:1 → a a b a c a a)', async () => {
    const candidates = ['a', 'b', 'c'].map((name) => candidate(name));
    const router = await createRouter(
      { strategy: 'round_robin', weights: { a: 5, b: 1, c: 1 } },
      { candidates },
    );
    const picks: string[] = [];
    for (let index = 0; index < 7; index++)
      picks.push((await router.route(userRequest('x'), { candidates })).model);
    expect(picks.join(' ')).toBe('a a b a c a a');
  });
});
