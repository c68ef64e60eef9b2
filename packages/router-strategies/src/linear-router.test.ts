import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRouter } from './create-router';
import { evaluateRouting } from './evaluate-routing';
import { candidate, userRequest } from './fixtures.test-support';
import { decodeKnnArtifact, encodeKnnArtifact } from './knn-artifact';
import { SYNTHETIC_PRICES, syntheticRoutingData } from './synthetic-routing-data.test-support';
import { taskFamily } from './task-family';
import { trainKnnRouter } from './train-knn-router';

const candidates = [
  candidate('mathematician', 1, 'top'),
  candidate('coder', 1, 'top'),
  candidate('cheap', 0.2, 'low'),
];

describe('learned linear router', () => {
  it('routes each kind of question to its specialist, and to the cheap model when quality ties', async () => {
    const { bytes } = await trainKnnRouter({
      data: syntheticRoutingData(300),
      prices: SYNTHETIC_PRICES,
      learner: 'linear',
      ridgeAlpha: 1,
    });
    const router = await createRouter(
      { strategy: 'llmrouter', artifact: 'router.bin', cost_weight: 0.05 },
      { candidates, readFile: async () => bytes },
    );
    const math = await router.route(userRequest('What is the sum of 12 and 30? Please solve it.'), {
      candidates,
    });
    expect(math.model).toBe('mathematician');
    expect(math.reason).toContain('linear');
    const code = userRequest('Write a python function that will return a string.');
    expect((await router.route(code, { candidates })).model).toBe('coder');
    const trivia = userRequest('Which painter is known for the war?');
    expect((await router.route(trivia, { candidates })).model).toBe('cheap');
  });

  it('beats every single model in evaluation and reports its learner', async () => {
    const { artifact } = await trainKnnRouter({
      data: syntheticRoutingData(300, 1),
      prices: SYNTHETIC_PRICES,
      learner: 'linear',
      ridgeAlpha: 1,
    });
    const evaluation = await evaluateRouting({ data: syntheticRoutingData(90, 2), artifact });
    expect(evaluation.learner).toBe('linear');
    expect(evaluation.bestQuality.quality).toBeGreaterThan(evaluation.baselines.bestSingle.quality);
  });

  it('round-trips the weights through save and load', async () => {
    const row = fc.record({
      question: fc.string({ maxLength: 40 }),
      scores: fc.record(
        { a: fc.double({ min: 0, max: 1, noNaN: true }), b: fc.double({ min: 0, max: 1, noNaN: true }) },
        { requiredKeys: ['a'] },
      ),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(row, { minLength: 1, maxLength: 12 }), async (data) => {
        const { artifact, bytes } = await trainKnnRouter({
          data,
          learner: 'linear',
          embedder: { type: 'hashed-tfidf', dimensions: 64 },
          now: () => new Date(0),
        });
        const loaded = decodeKnnArtifact(bytes);
        expect(loaded.header).toEqual(artifact.header);
        expect(loaded.linear?.weights).toEqual(artifact.linear?.weights);
        expect(loaded.linear?.bias).toEqual(artifact.linear?.bias);
        expect(Array.from(loaded.linear?.bias ?? []).every(Number.isFinite)).toBe(true);
        expect(encodeKnnArtifact(loaded)).toEqual(bytes);
      }),
      { numRuns: 100 },
    );
  });

  it('still reads version 1 (kNN) files and refuses unknown versions', async () => {
    const { bytes } = await trainKnnRouter({ data: syntheticRoutingData(30), prices: SYNTHETIC_PRICES });
    const versioned = (version: number) => {
      const copy = bytes.slice();
      new DataView(copy.buffer).setUint32(8, version, true);
      return copy;
    };
    expect(decodeKnnArtifact(versioned(1)).linear).toBeUndefined();
    expect(decodeKnnArtifact(versioned(2)).linear).toBeUndefined();
    expect(() => decodeKnnArtifact(versioned(4))).toThrow(/version 4/);
  });

  it('refuses a dense embedder', async () => {
    await expect(
      trainKnnRouter({ data: syntheticRoutingData(30), learner: 'linear', embedder: { type: 'use-lite' } }),
    ).rejects.toMatchObject({ code: 'config_invalid' });
  });
});

describe('taskFamily', () => {
  it('tells the benchmark shapes apart from the prompt text alone', () => {
    expect(taskFamily('\ndef add(a, b):\n    """Add two numbers."""\n')).toBe('code-stub');
    expect(taskFamily('Write a python function to reverse a list.')).toBe('code-request');
    expect(taskFamily('What is $\\frac{1}{2} + \\frac{1}{3}$?')).toBe('latex-maths');
    expect(taskFamily('who wrote the book uncle toms cabin')).toBe('lowercase-query');
    expect(taskFamily('Which folk-hero was the subject of the opera?')).toBe('short-question');
    expect(taskFamily('A lack of water has a direct connection on the amount of available')).toBe(
      'completion',
    );
    expect(
      taskFamily(
        'Cory bought a patio table and 4 chairs for 135 dollars. The patio table cost 55 dollars. If each chair cost the same amount, how much did each chair cost?',
      ),
    ).toBe('word-problem');
  });
});
