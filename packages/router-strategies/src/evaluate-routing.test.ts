import { describe, expect, it } from 'vitest';
import { areaUnderHull, hullCostAt, nonDecreasingHull } from './cost-quality-curve';
import { evaluateRouting } from './evaluate-routing';
import { renderEvaluationSvg } from './render-evaluation-svg';
import { SYNTHETIC_PRICES, syntheticRoutingData } from './synthetic-routing-data.test-support';
import { trainKnnRouter } from './train-knn-router';

describe('cost–quality hull', () => {
  it('keeps only points that buy quality with money, concave', () => {
    const hull = nonDecreasingHull([
      { cost: 0.1, quality: 0.4 },
      { cost: 0.5, quality: 0.45 },
      { cost: 0.3, quality: 0.6 },
      { cost: 1, quality: 0.55 },
      { cost: 0.8, quality: 0.7 },
    ]);
    expect(hull).toEqual([
      { cost: 0.1, quality: 0.4 },
      { cost: 0.3, quality: 0.6 },
      { cost: 0.8, quality: 0.7 },
    ]);
    expect(areaUnderHull(hull)).toBeCloseTo((0.2 * 0.5 + 0.5 * 0.65) / 0.8);
    expect(hullCostAt(hull, 0.5)).toBeCloseTo(0.2);
    expect(hullCostAt(hull, 0.9)).toBeUndefined();
  });
});

describe('evaluateRouting', () => {
  it('beats every single model on data with clear specialists, and draws a chart', async () => {
    const { artifact } = await trainKnnRouter({
      data: syntheticRoutingData(300, 1),
      prices: SYNTHETIC_PRICES,
      k: 15,
    });
    const evaluation = await evaluateRouting({ data: syntheticRoutingData(90, 2), artifact });
    expect(evaluation.bestQuality.quality).toBeGreaterThan(evaluation.baselines.bestSingle.quality);
    expect(evaluation.atBestSingleQuality?.cost).toBeLessThan(1);
    expect(evaluation.baselines.oracle.quality).toBeGreaterThanOrEqual(evaluation.bestQuality.quality);
    expect(evaluation.gapToOracle).toBeGreaterThanOrEqual(0);
    const svg = renderEvaluationSvg(evaluation);
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('oracle');
  });
});
