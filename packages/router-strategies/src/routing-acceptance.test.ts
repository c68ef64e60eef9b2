import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { evaluateRouting, type RoutingEvaluation } from './evaluate-routing';
import { loadRoutingData, parseModelPrices } from './routing-data';
import { trainKnnRouter } from './train-knn-router';

// The shared routing data sits beside the repository in CI (../shared); elsewhere this check is skipped.
const repositoryRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const dataDirectory = join(repositoryRoot, '../shared/data/routing');
const available = existsSync(join(dataDirectory, 'train.json'));

describe.skipIf(!available)('learned router on the shared routing data (train → test)', () => {
  let evaluation: RoutingEvaluation;
  let familyEvaluation: RoutingEvaluation;

  beforeAll(async () => {
    const [train, test, models] = await Promise.all([
      loadRoutingData(join(dataDirectory, 'train.json')),
      loadRoutingData(join(dataDirectory, 'test.json')),
      readFile(join(dataDirectory, 'models.json'), 'utf8'),
    ]);
    const prices = parseModelPrices(JSON.parse(models));
    const { artifact } = await trainKnnRouter({ data: train, prices });
    evaluation = await evaluateRouting({ data: test, artifact, prices });
    const family = await trainKnnRouter({ data: train, prices, learner: 'family-knn' });
    familyEvaluation = await evaluateRouting({ data: test, artifact: family.artifact, prices });
  });

  it('beats the best single model on quality and matches it for less (regression floor)', () => {
    expect(evaluation.baselines.bestSingle.quality).toBeCloseTo(0.563, 3);
    expect(evaluation.baselines.oracle.quality).toBeCloseTo(0.743, 3);
    expect(evaluation.bestQuality.quality).toBeGreaterThan(0.565);
    expect(evaluation.atBestSingleQuality?.cost).toBeLessThanOrEqual(0.7);
    expect(evaluation.aiq).toBeGreaterThan(0.45);
  });

  // The family-knn option (docs/strategies.md, "Learners compared"): better best quality, AIQ and hull
  // cost than kNN on test.json, but not a cheaper swept point at the best single model's quality.
  it('family-knn option: its figures as a regression floor', () => {
    expect(familyEvaluation.learner).toBe('family-knn');
    expect(familyEvaluation.bestQuality.quality).toBeGreaterThan(0.575);
    expect(familyEvaluation.atBestSingleQuality?.cost).toBeLessThanOrEqual(0.63);
    expect(familyEvaluation.hullCostAtBestSingleQuality).toBeLessThanOrEqual(0.4);
    expect(familyEvaluation.aiq).toBeGreaterThan(0.47);
  });

  // Issue 5's target. Not met honestly yet (docs/strategies.md, "Evaluation"): 5-fold cross-validation
  // on train.json meets it, test.json does not, with either learner. `it.fails` turns red the day it
  // passes, to be flipped.
  it.fails('reaches the best single model at ≤ 40% of its cost and exceeds 0.59 quality (issue 5 target)', () => {
    expect(evaluation.atBestSingleQuality?.cost).toBeLessThanOrEqual(0.4);
    expect(evaluation.bestQuality.quality).toBeGreaterThan(0.59);
  });
  it.fails('family-knn: the same target', () => {
    expect(familyEvaluation.atBestSingleQuality?.cost).toBeLessThanOrEqual(0.4);
    expect(familyEvaluation.bestQuality.quality).toBeGreaterThan(0.59);
  });
});
