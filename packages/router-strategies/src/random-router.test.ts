import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRouter } from './create-router';
import { candidate, seededRandom, userRequest } from './fixtures.test-support';

describe('random router', () => {
  it('converges to the configured weights', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 2, maxLength: 5 }),
        fc.integer(),
        async (weights, seed) => {
          const candidates = weights.map((_, index) => candidate(`m${index}`));
          const router = await createRouter(
            {
              strategy: 'random',
              weights: Object.fromEntries(weights.map((weight, index) => [`m${index}`, weight])),
            },
            { candidates, random: seededRandom(seed) },
          );
          const picks = 6000;
          const counts = new Map<string, number>();
          for (let index = 0; index < picks; index++) {
            const { model } = await router.route(userRequest('hi'), { candidates });
            counts.set(model, (counts.get(model) ?? 0) + 1);
          }
          const total = weights.reduce((sum, weight) => sum + weight, 0);
          weights.forEach((weight, index) => {
            expect(Math.abs((counts.get(`m${index}`) ?? 0) / picks - weight / total)).toBeLessThan(0.04);
          });
        },
      ),
      { numRuns: 100 },
    );
  });

  it('is uniform without weights and never picks a zero weight', async () => {
    const candidates = ['a', 'b', 'c'].map((name) => candidate(name));
    const router = await createRouter(
      { strategy: 'random', weights: { a: 1, b: 0, c: 1 } },
      { candidates, random: seededRandom(1) },
    );
    for (let index = 0; index < 500; index++)
      expect((await router.route(userRequest('x'), { candidates })).model).not.toBe('b');
  });

  it('refuses weights for models that are not configured, naming the path', async () => {
    await expect(
      createRouter({ strategy: 'random', weights: { ghost: 1 } }, { candidates: [candidate('a')] }),
    ).rejects.toMatchObject({
      code: 'config_invalid',
      details: { path: 'router.weights.ghost' },
    });
  });
});
