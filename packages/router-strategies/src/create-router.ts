import type {
  ChatModelV1,
  EmbeddingModelV1,
  RouteCandidateV1,
  RouterConfig,
  RouterV1,
} from '@llmrouter/core';
import { artifactEmbedder } from './artifact-embedder';
import { decodeKnnArtifact } from './knn-artifact';
import { createKnnRouter } from './knn-router';
import { createLlmRouter } from './llm-router';
import { createRandomRouter } from './random-router';
import { createRoundRobinRouter } from './round-robin-router';
import { configuredCandidates } from './route-candidates';
import { createRulesRouter } from './rules-router';
import { requireCandidateName, routerConfigError } from './strategy-errors';
import { checkWeights } from './weights';

export interface RouterDependencies {
  /** Every configured chat model as a router sees it. */
  candidates: readonly RouteCandidateV1[];
  /** For `llm`: the router model by its configured name. */
  chatModel?: (name: string) => ChatModelV1;
  /** For the `{ type: 'model' }` embedder. */
  embeddingModel?: (name: string) => EmbeddingModelV1;
  /** Reads the `llmrouter` artifact; default `fs.readFile`. */
  readFile?: (path: string) => Promise<Uint8Array>;
  /** Relative artifact paths resolve against this (the config file's folder). */
  baseDirectory?: string;
  /** A number in [0, 1) for `random`; seed it in tests. */
  random?: () => number;
}

async function readArtifact(path: string, dependencies: RouterDependencies): Promise<Uint8Array> {
  const { isAbsolute, resolve } = await import('node:path');
  const fullPath =
    isAbsolute(path) || dependencies.baseDirectory === undefined
      ? path
      : resolve(dependencies.baseDirectory, path);
  try {
    if (dependencies.readFile) return await dependencies.readFile(fullPath);
    const { readFile } = await import('node:fs/promises');
    return new Uint8Array(await readFile(fullPath));
  } catch (error) {
    throw routerConfigError(
      'artifact',
      `cannot read ${fullPath}: ${(error as Error).message}`,
      'train one with `llmrouter train` or fix the path',
    );
  }
}

/** Builds the router a config describes; every model name it mentions must be a configured candidate. */
export async function createRouter(
  config: RouterConfig,
  dependencies: RouterDependencies,
): Promise<RouterV1> {
  const configuredNames = new Set(dependencies.candidates.map((candidate) => candidate.name));
  for (const [index, name] of (config.candidates ?? []).entries()) {
    requireCandidateName(name, `candidates[${index}]`, configuredNames);
  }
  for (const [index, name] of (config.fallback_models ?? []).entries()) {
    requireCandidateName(name, `fallback_models[${index}]`, configuredNames);
  }
  if (config.cost_weight !== undefined && !(config.cost_weight >= 0)) {
    throw routerConfigError(
      'cost_weight',
      'the cost weight must be a number ≥ 0',
      'use 0 (quality only) or a positive number',
      config.cost_weight,
    );
  }
  const candidates = configuredCandidates(dependencies.candidates, config.candidates);
  if (candidates.size === 0) {
    throw routerConfigError(
      'candidates',
      'no model is left to route to',
      'configure at least one chat model that routing may use',
    );
  }
  const known = new Set(candidates.keys());

  switch (config.strategy) {
    case 'random':
      return createRandomRouter({
        candidates,
        weights: checkWeights(config.weights, known),
        random: dependencies.random ?? Math.random,
      });
    case 'round_robin':
      return createRoundRobinRouter({ candidates, weights: checkWeights(config.weights, known) });
    case 'rules':
      return createRulesRouter({ candidates, rules: config.rules, default: config.default });
    case 'llm': {
      // The router model may be any configured model, including one kept out of routing.
      requireCandidateName(config.router_model, 'router_model', configuredNames);
      if (!dependencies.chatModel) {
        throw routerConfigError(
          'router_model',
          'no chat model factory was given to call the router model',
          'pass dependencies.chatModel (the server does this)',
        );
      }
      return createLlmRouter({
        candidates,
        routerModel: dependencies.chatModel(config.router_model),
        routerModelName: config.router_model,
        default: config.default,
        timeoutMs: config.timeout_ms,
        cacheTtlMs: config.cache_ttl_ms,
        prompt: config.prompt,
        costWeight: config.cost_weight,
        preset: config.preset,
      });
    }
    case 'llmrouter': {
      const artifact = decodeKnnArtifact(await readArtifact(config.artifact, dependencies));
      const embedder = await artifactEmbedder(artifact.header, config.embedder, dependencies.embeddingModel);
      return createKnnRouter({
        candidates,
        configuredNames,
        artifact,
        embedder,
        k: config.k,
        default: config.default,
        costWeight: config.cost_weight,
        preset: config.preset,
      });
    }
    default:
      throw routerConfigError(
        'strategy',
        'unknown strategy',
        'use random, round_robin, rules, llm or llmrouter',
        (config as { strategy: unknown }).strategy,
      );
  }
}
