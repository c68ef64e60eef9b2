import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRouter } from './create-router';
import { candidate, userRequest } from './fixtures.test-support';
import { decodeKnnArtifact, encodeKnnArtifact, type KnnArtifact } from './knn-artifact';
import { parseRoutingData } from './routing-data';
import { SYNTHETIC_PRICES, syntheticRoutingData } from './synthetic-routing-data.test-support';
import { trainKnnRouter } from './train-knn-router';

const candidates = [
  candidate('mathematician', 1, 'top'),
  candidate('coder', 1, 'top'),
  candidate('cheap', 0.2, 'low'),
];

async function trainedRouter(extra: Record<string, unknown> = {}) {
  const { bytes } = await trainKnnRouter({
    data: syntheticRoutingData(300),
    prices: SYNTHETIC_PRICES,
    k: 15,
  });
  return createRouter(
    { strategy: 'llmrouter', artifact: 'router.knn', cost_weight: 0.05, ...extra },
    { candidates, readFile: async () => bytes },
  );
}

describe('learned kNN router', () => {
  it('routes each kind of question to the model that did best on similar ones, cheap when quality ties', async () => {
    const router = await trainedRouter();
    const math = await router.route(userRequest('What is the sum of 12 and 30? Please solve it.'), {
      candidates,
    });
    expect(math.model).toBe('mathematician');
    expect(math.scores?.['mathematician']).toBeGreaterThan(0.8);
    expect(
      (await router.route(userRequest('Write a python function that will return a string.'), { candidates }))
        .model,
    ).toBe('coder');
    expect(
      (await router.route(userRequest('Which painter is known for the war?'), { candidates })).model,
    ).toBe('cheap');
  });

  it('lets the per-request cost weight trade quality for price', async () => {
    const router = await trainedRouter();
    const request = userRequest('What is the product of 3 and 4? Please multiply it.');
    expect((await router.route(request, { candidates, costWeight: 0 })).model).toBe('mathematician');
    expect((await router.route(request, { candidates, costWeight: 10 })).model).toBe('cheap');
  });

  it('routes within the candidates it is given (a tier)', async () => {
    const router = await trainedRouter();
    const low = candidates.filter((item) => item.tier === 'low');
    expect((await router.route(userRequest('What is the sum of 1 and 2?'), { candidates: low })).model).toBe(
      'cheap',
    );
  });

  it('refuses an artifact scoring unconfigured models, or trained with another embedder', async () => {
    const { bytes } = await trainKnnRouter({ data: syntheticRoutingData(30), prices: SYNTHETIC_PRICES });
    const readFile = async () => bytes;
    await expect(
      createRouter(
        { strategy: 'llmrouter', artifact: 'a' },
        { candidates: candidates.slice(0, 2), readFile },
      ),
    ).rejects.toMatchObject({
      code: 'config_invalid',
      message: expect.stringContaining('cheap'),
    });
    await expect(
      createRouter(
        { strategy: 'llmrouter', artifact: 'a', embedder: { type: 'use-lite' } },
        { candidates, readFile },
      ),
    ).rejects.toMatchObject({
      code: 'config_invalid',
      details: { path: 'router.embedder' },
    });
    await expect(
      createRouter(
        { strategy: 'llmrouter', artifact: 'a', embedder: { type: 'hashed-tfidf', dimensions: 128 } },
        { candidates, readFile },
      ),
    ).rejects.toMatchObject({
      code: 'config_invalid',
    });
    await expect(
      createRouter(
        { strategy: 'llmrouter', artifact: 'a' },
        { candidates, readFile: async () => new Uint8Array(40) },
      ),
    ).rejects.toMatchObject({
      code: 'config_invalid',
      details: { path: 'router.artifact' },
    });
  });

  it('round-trips an artifact through save and load', async () => {
    const row = fc.record({
      question: fc.string({ maxLength: 40 }),
      scores: fc.record(
        { a: fc.double({ min: 0, max: 1, noNaN: true }), b: fc.double({ min: 0, max: 1, noNaN: true }) },
        { requiredKeys: ['a'] },
      ),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.array(row, { minLength: 1, maxLength: 12 }),
        fc.integer({ min: 1, max: 50 }),
        async (data, k) => {
          const { artifact, bytes } = await trainKnnRouter({
            data,
            k,
            embedder: { type: 'hashed-tfidf', dimensions: 64 },
            now: () => new Date(0),
          });
          const loaded: KnnArtifact = decodeKnnArtifact(bytes);
          expect(loaded.header).toEqual(artifact.header);
          expect(loaded.vectors).toEqual(artifact.vectors);
          expect(Array.from(loaded.scores)).toEqual(Array.from(artifact.scores));
          expect(encodeKnnArtifact(loaded)).toEqual(bytes);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('reads the LLMRouter JSONL form, grouped by query', () => {
    const jsonl = [
      { query: 'q1', model_name: 'a', performance: 1 },
      { query: 'q2', model_name: 'a', performance: 0 },
      { query: 'q1', model_name: 'b', performance: 0.5 },
    ]
      .map((line) => JSON.stringify(line))
      .join('\n');
    expect(parseRoutingData(jsonl)).toEqual([
      { question: 'q1', scores: { a: 1, b: 0.5 } },
      { question: 'q2', scores: { a: 0 } },
    ]);
  });
});
