import type { EmbedderConfig, EmbeddingModelV1 } from '@llmrouter/core';
import { LLMRouterError } from '@llmrouter/errors';
import { artifactEmbedder } from './artifact-embedder';
import { areaUnderHull, type CostQualityPoint, hullCostAt, nonDecreasingHull } from './cost-quality-curve';
import { COST_PRESETS, type CostPreset } from './cost-weight';
import { isSparseEmbedder } from './embedder';
import {
  decodeKnnArtifact,
  type KnnArtifact,
  type KnnArtifactHeader,
  type RouterLearner,
} from './knn-artifact';
import { pickByCost } from './pick-by-cost';
import { createQualityPredictor } from './quality-predictor';
import { blendedPrice } from './route-candidates';
import type { ModelPrice, RoutingExample } from './routing-data';

export interface EvaluateRoutingOptions {
  /** The evaluation split; never the data the artifact was trained on. */
  data: readonly RoutingExample[];
  artifact: KnnArtifact | Uint8Array;
  /** Prices per model; default the ones stored in the artifact. */
  prices?: Record<string, ModelPrice>;
  embedder?: EmbedderConfig;
  embeddingModel?: (name: string) => EmbeddingModelV1;
  k?: number;
  /** The λ sweep; default 0 and 120 values spaced geometrically from 0.001 to 10. */
  lambdas?: readonly number[];
}

/** Costs are relative: 1 = always choosing the best single model. */
export interface OperatingPoint extends CostQualityPoint {
  lambda: number;
}

export interface Baseline extends CostQualityPoint {
  model?: string;
}

export interface RoutingEvaluation {
  rows: number;
  k: number;
  learner: RouterLearner;
  embedder: string;
  costUnit: string;
  models: Array<{ name: string; price: number; quality: number; cost: number }>;
  baselines: {
    bestSingle: Baseline & { model: string };
    cheapest: Baseline & { model: string };
    random: Baseline;
    oracle: Baseline;
  };
  curve: OperatingPoint[];
  hull: CostQualityPoint[];
  /** Area under the non-decreasing hull from its cheapest to its dearest point, over the dearest cost. */
  aiq: number;
  /** The cheapest swept λ whose quality reaches the best single model's; null if none does. */
  atBestSingleQuality: (OperatingPoint & { saving: number }) | null;
  /** The same on the hull (mixing two λ values), interpolated. */
  hullCostAtBestSingleQuality: number | null;
  bestQuality: OperatingPoint;
  gapToOracle: number;
  presets: Record<CostPreset, OperatingPoint>;
}

export function defaultLambdaSweep(): number[] {
  const steps = 120;
  return [0, ...Array.from({ length: steps }, (_, index) => 0.001 * 10_000 ** (index / (steps - 1)))];
}

function mean(values: readonly number[]): number {
  return values.length === 0 ? 0 : values.reduce((sum, value) => sum + value, 0) / values.length;
}

/** The embedder config that matches how an artifact was trained. */
function trainedEmbedderConfig(header: KnnArtifactHeader): EmbedderConfig {
  const { id, parameters } = header.embedder;
  if (id === 'model') return { type: 'model', model: String(parameters['model']) };
  if (id === 'use-lite') return { type: 'use-lite' };
  return { type: 'hashed-tfidf' };
}

/** Replays routing data through a trained learned router (any learner), without calling any model. */
export async function evaluateRouting(options: EvaluateRoutingOptions): Promise<RoutingEvaluation> {
  const artifact =
    options.artifact instanceof Uint8Array ? decodeKnnArtifact(options.artifact) : options.artifact;
  const { header } = artifact;
  const priceTable = options.prices ?? header.prices;
  const data = options.data;
  const models = header.models.filter(
    (model) => data.every((row) => row.scores[model] !== undefined) && priceTable[model],
  );
  if (models.length === 0 || data.length === 0) {
    throw new LLMRouterError({
      code: 'request_invalid',
      message: 'No model is both in the artifact, priced, and scored on every evaluation row.',
      hint: 'Evaluate on data for the same models the artifact was trained on, and give their prices.',
    });
  }
  const prices = models.map((model) => blendedPrice(priceTable[model]!) ?? 0);
  const truth = data.map((row) => models.map((model) => row.scores[model]!));
  const meanQuality = models.map((_, column) => mean(truth.map((row) => row[column]!)));
  const bestColumn = meanQuality.indexOf(Math.max(...meanQuality));
  const unit = prices[bestColumn]! > 0 ? prices[bestColumn]! : 1;

  const embedder = await artifactEmbedder(
    header,
    options.embedder ?? trainedEmbedderConfig(header),
    options.embeddingModel,
  );
  const k = options.k ?? header.k;
  const predictor = createQualityPredictor(artifact, k);
  const columns = models.map((model) => header.models.indexOf(model));
  const texts = data.map((row) => row.question);
  const queries = isSparseEmbedder(embedder)
    ? texts.map((text) => embedder.embedSparse(text))
    : await embedder.embed(texts);
  const predicted = queries.map((query, position) => {
    const quality = predictor.predict(query, texts[position]!);
    return columns.map((column) => quality[column]!);
  });

  const operate = (lambda: number): OperatingPoint => {
    let cost = 0;
    let quality = 0;
    predicted.forEach((row, position) => {
      const choice = pickByCost(row, prices, lambda);
      cost += prices[choice]!;
      quality += truth[position]![choice]!;
    });
    return { lambda, cost: cost / data.length / unit, quality: quality / data.length };
  };
  const curve = (options.lambdas ?? defaultLambdaSweep()).map(operate);
  const hull = nonDecreasingHull(curve);
  const target = meanQuality[bestColumn]!;
  const reaching = curve.filter((point) => point.quality >= target).sort((a, b) => a.cost - b.cost)[0];
  const bestQuality = curve.reduce((best, point) =>
    point.quality > best.quality || (point.quality === best.quality && point.cost < best.cost) ? point : best,
  );
  const cheapestColumn = prices.indexOf(Math.min(...prices));
  const oracleChoices = truth.map((row) => pickByCost(row, prices, 0));
  const oracle = {
    cost: mean(oracleChoices.map((choice) => prices[choice]!)) / unit,
    quality: mean(oracleChoices.map((choice, position) => truth[position]![choice]!)),
  };
  const hullCost = hullCostAt(hull, target);
  return {
    rows: data.length,
    k,
    learner: artifact.linear ? 'linear' : (header.learner ?? 'knn'),
    embedder: header.embedder.id,
    costUnit: `mean blended price of the chosen models, relative to always choosing ${models[bestColumn]} ($${prices[bestColumn]} per million tokens)`,
    models: models.map((name, column) => ({
      name,
      price: prices[column]!,
      quality: meanQuality[column]!,
      cost: prices[column]! / unit,
    })),
    baselines: {
      bestSingle: { model: models[bestColumn]!, cost: 1, quality: target },
      cheapest: {
        model: models[cheapestColumn]!,
        cost: prices[cheapestColumn]! / unit,
        quality: meanQuality[cheapestColumn]!,
      },
      random: { cost: mean(prices) / unit, quality: mean(meanQuality) },
      oracle,
    },
    curve,
    hull,
    aiq: areaUnderHull(hull),
    atBestSingleQuality: reaching ? { ...reaching, saving: 1 - reaching.cost } : null,
    hullCostAtBestSingleQuality: hullCost ?? null,
    bestQuality,
    gapToOracle: oracle.quality - bestQuality.quality,
    presets: {
      quality_first: operate(COST_PRESETS.quality_first),
      balanced: operate(COST_PRESETS.balanced),
      cost_first: operate(COST_PRESETS.cost_first),
    },
  };
}
