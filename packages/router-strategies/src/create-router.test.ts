import type { RouterConfig } from '@llmrouter/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRouter } from './create-router';
import { candidate, seededRandom, userRequest } from './fixtures.test-support';
import { SYNTHETIC_PRICES, syntheticRoutingData } from './synthetic-routing-data.test-support';
import { trainKnnRouter } from './train-knn-router';

const configured = [
  candidate('mathematician', 1, 'top'),
  candidate('coder', 1, 'mid'),
  candidate('cheap', 0.2, 'low'),
];
const names = configured.map((item) => item.name);

describe('createRouter', () => {
  it('no strategy ever returns a model that is not configured, whatever candidates a request carries', async () => {
    const { bytes } = await trainKnnRouter({
      data: syntheticRoutingData(60),
      prices: SYNTHETIC_PRICES,
      k: 5,
    });
    const configs: RouterConfig[] = [
      { strategy: 'random', weights: { coder: 2, cheap: 1 } },
      { strategy: 'round_robin' },
      { strategy: 'rules', rules: [{ model: 'coder', keywords: ['python'] }], default: 'cheap' },
      { strategy: 'llmrouter', artifact: 'a', default: 'cheap' },
      { strategy: 'random', candidates: ['coder'] },
    ];
    const routers = await Promise.all(
      configs.map((config) =>
        createRouter(config, {
          candidates: configured,
          random: seededRandom(3),
          readFile: async () => bytes,
        }),
      ),
    );
    const stranger = candidate('stranger');
    await fc.assert(
      fc.asyncProperty(
        fc.subarray([...configured, stranger], { minLength: 1 }),
        fc.string({ maxLength: 50 }),
        fc.option(fc.double({ min: 0, max: 5, noNaN: true }), { nil: undefined }),
        async (offered, text, costWeight) => {
          for (const [index, router] of routers.entries()) {
            const allowed = configs[index]!.candidates ?? names;
            try {
              const decision = await router.route(userRequest(text), {
                candidates: offered,
                ...(costWeight === undefined ? {} : { costWeight }),
              });
              expect(allowed).toContain(decision.model);
              expect(offered.map((item) => item.name)).toContain(decision.model);
            } catch (error) {
              // Refusing is the only other answer: when no offered model is configured for this router.
              expect(error).toMatchObject({ code: 'no_route' });
              expect(offered.some((item) => allowed.includes(item.name))).toBe(false);
            }
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('refuses candidates and fallback models that are not configured, naming the path', async () => {
    await expect(
      createRouter({ strategy: 'random', candidates: ['ghost'] }, { candidates: configured }),
    ).rejects.toMatchObject({
      code: 'config_invalid',
      details: { path: 'router.candidates[0]' },
      hint: expect.stringContaining('configured model names'),
    });
    await expect(
      createRouter({ strategy: 'random', fallback_models: ['cheap', 'ghost'] }, { candidates: configured }),
    ).rejects.toMatchObject({
      details: { path: 'router.fallback_models[1]' },
    });
  });
});
