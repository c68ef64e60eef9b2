import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRouter } from './create-router';
import { evaluateRouting } from './evaluate-routing';
import { candidate, userRequest } from './fixtures.test-support';
import { decodeKnnArtifact, encodeKnnArtifact } from './knn-artifact';
import { PROMPT_FAMILIES } from './prompt-family';
import type { RoutingExample } from './routing-data';
import { SYNTHETIC_PRICES, syntheticRoutingData } from './synthetic-routing-data.test-support';
import { type TrainKnnRouterOptions, trainKnnRouter } from './train-knn-router';

const candidates = [candidate('coder', 1, 'top'), candidate('cheap', 0.2, 'low')];
const PRICES = { coder: SYNTHETIC_PRICES.coder, cheap: SYNTHETIC_PRICES.cheap };
const TASKS = ['sort a list', 'reverse a string', 'merge two lists', 'count the vowels in a string'];

/**
 * The same words in two prompt shapes: requests for a function (only `coder` solves them) and lower-case
 * search queries (both models answer equally). Word overlap alone cannot tell them apart.
 */
function twoShapes(): RoutingExample[] {
  return TASKS.flatMap((task, index) => [
    { question: `Write a function to ${task}.`, scores: { coder: 1, cheap: 0 } },
    { question: `Write a python function to ${task} quickly.`, scores: { coder: 1, cheap: 0.1 } },
    { question: `how to ${task} in python`, scores: { coder: 0.5, cheap: 0.5 } },
    { question: `${task} example ${index}`, scores: { coder: 0.6, cheap: 0.6 } },
  ]);
}

async function routerFor(options: Partial<TrainKnnRouterOptions>) {
  const { bytes } = await trainKnnRouter({ data: twoShapes(), prices: PRICES, k: 3, ...options });
  return createRouter(
    { strategy: 'llmrouter', artifact: 'router.knn', cost_weight: 0.05 },
    { candidates, readFile: async () => bytes },
  );
}

describe('family-knn learner', () => {
  it('takes neighbours from the prompt family only, where plain kNN follows shared words', async () => {
    // A lower-case query: its family's rows say both models do equally well there.
    const query = userRequest('write python function to sort a list');
    const plain = await (await routerFor({})).route(query, { candidates });
    expect(plain.model).toBe('coder');
    const family = await (await routerFor({ learner: 'family-knn' })).route(query, { candidates });
    expect(family.model).toBe('cheap');
    expect(family.reason).toContain('family kNN');
    const request = await (await routerFor({ learner: 'family-knn' })).route(
      userRequest('Write a function to sort a list of numbers.'),
      { candidates },
    );
    expect(request.model).toBe('coder');
  });

  it('predicts the family mean when the shrinkage outweighs every neighbour', async () => {
    const router = await routerFor({ learner: 'family-knn', familyShrinkage: 1e6 });
    const decision = await router.route(userRequest('Write a function to add two numbers.'), { candidates });
    // The mean over the eight function requests: coder always 1, cheap 0 and 0.1 alternately.
    expect(decision.scores).toEqual({ coder: 1, cheap: 0.05 });
  });

  it('evaluates like any learner and reports its name', async () => {
    const { artifact } = await trainKnnRouter({
      data: syntheticRoutingData(300, 1),
      prices: SYNTHETIC_PRICES,
      learner: 'family-knn',
    });
    expect(artifact.header.families).toEqual([...PROMPT_FAMILIES]);
    const evaluation = await evaluateRouting({ data: syntheticRoutingData(90, 2), artifact });
    expect(evaluation.learner).toBe('family-knn');
    expect(evaluation.bestQuality.quality).toBeGreaterThan(evaluation.baselines.bestSingle.quality);
  });

  it('round-trips the row families through save and load', async () => {
    const row = fc.record({
      question: fc.string({ maxLength: 60 }),
      scores: fc.record({ a: fc.double({ min: 0, max: 1, noNaN: true }), b: fc.constant(0.5) }),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.array(row, { minLength: 1, maxLength: 12 }),
        fc.double({ min: 0, max: 100, noNaN: true }),
        async (data, familyShrinkage) => {
          const { artifact, bytes } = await trainKnnRouter({
            data,
            learner: 'family-knn',
            familyShrinkage,
            embedder: { type: 'hashed-tfidf', dimensions: 64 },
            now: () => new Date(0),
          });
          const loaded = decodeKnnArtifact(bytes);
          expect(loaded.header).toEqual(artifact.header);
          expect(loaded.rowFamilies).toEqual(artifact.rowFamilies);
          expect(encodeKnnArtifact(loaded)).toEqual(bytes);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('still routes when the artifact names families this build does not know', async () => {
    const { artifact } = await trainKnnRouter({ data: twoShapes(), prices: PRICES, learner: 'family-knn' });
    const renamed = encodeKnnArtifact({
      ...artifact,
      header: { ...artifact.header, families: PROMPT_FAMILIES.map((family) => `old-${family}`) },
    });
    const router = await createRouter(
      { strategy: 'llmrouter', artifact: 'router.knn' },
      { candidates, readFile: async () => renamed },
    );
    expect(['coder', 'cheap']).toContain(
      (await router.route(userRequest('sort a list'), { candidates })).model,
    );
  });

  it('refuses a negative shrinkage and a damaged row-family block', async () => {
    await expect(
      trainKnnRouter({ data: twoShapes(), learner: 'family-knn', familyShrinkage: -1 }),
    ).rejects.toMatchObject({ code: 'config_invalid' });
    const { artifact } = await trainKnnRouter({ data: twoShapes(), learner: 'family-knn' });
    const damaged = encodeKnnArtifact({
      ...artifact,
      header: { ...artifact.header, families: ['only-one'] },
    });
    expect(() => decodeKnnArtifact(damaged)).toThrow(/row family is out of range/);
    const truncated = encodeKnnArtifact(artifact).slice(0, -4);
    expect(() => decodeKnnArtifact(truncated)).toThrow(/shorter/);
  });
});
