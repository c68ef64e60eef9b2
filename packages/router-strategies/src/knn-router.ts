import type { RouteCandidateV1, RouterV1 } from '@llmrouter/core';
import { type CostPreset, resolveCostWeight } from './cost-weight';
import { type Embedder, isSparseEmbedder } from './embedder';
import type { KnnArtifact } from './knn-artifact';
import { pickByCost } from './pick-by-cost';
import { createQualityPredictor } from './quality-predictor';
import { routingText } from './request-text';
import { blendedPrice, decisionCandidates, preferredOrCheapest } from './route-candidates';
import { requireCandidateName, routerConfigError } from './strategy-errors';

export interface KnnRouterOptions {
  /** The models this router may choose (after `candidates:`). */
  candidates: ReadonlyMap<string, RouteCandidateV1>;
  /** Every configured model name: an artifact model outside it is an error. */
  configuredNames: ReadonlySet<string>;
  artifact: KnnArtifact;
  embedder: Embedder;
  k?: number | undefined;
  default?: string | undefined;
  costWeight?: number | undefined;
  preset?: CostPreset | undefined;
}

/**
 * The learned router: predicted quality per model = similarity-weighted mean of the k nearest training
 * questions' scores (kNN artifacts) or per-model ridge scores (linear artifacts); the pick maximises
 * predicted quality − λ × blended price.
 */
export function createKnnRouter(options: KnnRouterOptions): RouterV1 {
  const { artifact, embedder } = options;
  const models = artifact.header.models;
  models.forEach((model, index) => {
    if (!options.configuredNames.has(model)) {
      throw routerConfigError(
        'artifact',
        `the artifact scores model "${model}" (models[${index}]), which is not configured`,
        `add "${model}" under models:, or retrain on data for the configured models only`,
      );
    }
  });
  if (options.default !== undefined)
    requireCandidateName(options.default, 'default', new Set(options.candidates.keys()));
  const k = options.k ?? artifact.header.k;
  if (!Number.isInteger(k) || k < 1)
    throw routerConfigError('k', 'k must be a whole number ≥ 1', 'use e.g. 200', k);
  const predictor = createQualityPredictor(artifact, k);
  const column = new Map(models.map((model, position) => [model, position] as const));

  return {
    specificationVersion: 'v1',
    strategy: 'llmrouter',
    async route(request, context) {
      const allowed = decisionCandidates(options.candidates, context);
      const scored = allowed.filter((candidate) => column.has(candidate.name));
      if (scored.length === 0) {
        const model = preferredOrCheapest(options.default, allowed);
        return { model, strategy: 'llmrouter', reason: 'no candidate in the trained artifact; default' };
      }
      const costWeight = resolveCostWeight(context, {
        cost_weight: options.costWeight,
        preset: options.preset,
      });
      const text = routingText(request);
      const query = isSparseEmbedder(embedder)
        ? embedder.embedSparse(text)
        : (await embedder.embed([text]))[0]!;
      const quality = predictor.predict(query, text);
      const predicted = scored.map((candidate) => quality[column.get(candidate.name)!]!);
      const prices = scored.map((candidate) => {
        const trainedPrice = artifact.header.prices[candidate.name];
        return blendedPrice(candidate) ?? (trainedPrice ? blendedPrice(trainedPrice) : undefined) ?? 0;
      });
      const best = scored[pickByCost(predicted, prices, costWeight)]!;
      const scores: Record<string, number> = {};
      scored.forEach((candidate, position) => {
        scores[candidate.name] = Math.round(predicted[position]! * 1e4) / 1e4;
      });
      return {
        model: best.name,
        strategy: 'llmrouter',
        reason: `${predictor.label} predicted quality ${scores[best.name]}, λ=${costWeight}`,
        scores,
      };
    },
  };
}
