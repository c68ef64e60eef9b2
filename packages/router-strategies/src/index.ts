export { COST_PRESETS, type CostPreset, resolveCostWeight } from './cost-weight';
export { createRouter, type RouterDependencies } from './create-router';
export type { Embedder, EmbedderDescriptor, SparseEmbedder, SparseVector } from './embedder';
export {
  defaultLambdaSweep,
  type EvaluateRoutingOptions,
  evaluateRouting,
  type RoutingEvaluation,
} from './evaluate-routing';
export {
  HASHED_TFIDF_DEFAULTS,
  HashedTfidfEmbedder,
  type HashedTfidfParameters,
} from './hashed-tfidf-embedder';
export {
  decodeKnnArtifact,
  encodeKnnArtifact,
  KNN_ARTIFACT_VERSION,
  type KnnArtifact,
  type KnnArtifactHeader,
  type KnnVectors,
  ROUTER_LEARNERS,
  type RouterLearner,
} from './knn-artifact';
export { LINEAR_DEFAULTS, type LinearWeights } from './linear-scorer';
export { createModelEmbedder } from './model-embedder';
export { parseRouterAnswer, type RouterAnswer } from './parse-router-answer';
export { PROMPT_FAMILIES, type PromptFamily, promptFamily } from './prompt-family';
export { renderEvaluationSvg } from './render-evaluation-svg';
export { type ResolvedRoute, type ResolveRouteOptions, resolveRoute } from './resolve-route';
export { blendedPrice } from './route-candidates';
export {
  loadRoutingData,
  type ModelPrice,
  parseModelPrices,
  parseRoutingData,
  type RoutingExample,
} from './routing-data';
export {
  type FallbackAttempt,
  type FallbackOutcome,
  type RunWithFallbackOptions,
  runWithFallback,
} from './run-with-fallback';
export { TASK_FAMILIES, type TaskFamily, taskFamily } from './task-family';
export { extractTierTag, parseTierWord, TIER_HEADER, tierFromHeaders } from './tier-tag';
export {
  KNN_DEFAULTS,
  type TrainKnnRouterOptions,
  type TrainKnnRouterResult,
  trainKnnRouter,
} from './train-knn-router';
export { createUseLiteEmbedder } from './use-lite-embedder';
