import { resolve } from 'node:path';
import type { RouterConfig } from '@llmrouter/core';
import { LLMRouterError } from '@llmrouter/errors';

// The Python tool's router names map onto the strategies; `knnrouter` is the learned kNN router.
const ALIASES: Record<string, RouterConfig['strategy']> = {
  random: 'random',
  round_robin: 'round_robin',
  'round-robin': 'round_robin',
  roundrobin: 'round_robin',
  rules: 'rules',
  llm: 'llm',
  llmrouter: 'llmrouter',
  knn: 'llmrouter',
  knnrouter: 'llmrouter',
};

function needsConfig(strategy: string, field: string): LLMRouterError {
  return new LLMRouterError({
    code: 'request_invalid',
    message: `--router ${strategy} needs ${field}, which only a config's router section can give.`,
    hint: `Set router: {strategy: ${strategy}, …} in the config instead, or pick random, round_robin or llmrouter --artifact <file>.`,
  });
}

/**
 * The router a `--router` flag asks for. The config's own router is kept when it already uses that
 * strategy (its rules, weights and fallbacks stay); otherwise a minimal router of that strategy.
 */
export function routerFromFlags(
  current: RouterConfig,
  name: string | undefined,
  artifact: string | undefined,
  cwd: string,
): RouterConfig {
  const artifactPath = artifact === undefined ? undefined : resolve(cwd, artifact);
  if (name === undefined) {
    if (artifactPath === undefined) return current;
    if (current.strategy === 'llmrouter') return { ...current, artifact: artifactPath };
    return { strategy: 'llmrouter', artifact: artifactPath, ...keepCommon(current) };
  }
  const strategy = ALIASES[name.toLowerCase()];
  if (strategy === undefined) {
    throw new LLMRouterError({
      code: 'request_invalid',
      message: `Unknown router "${name}".`,
      hint: 'Use one of: random, round_robin, rules, llm, llmrouter (alias knnrouter).',
    });
  }
  if (strategy === current.strategy) {
    return current.strategy === 'llmrouter' && artifactPath !== undefined
      ? { ...current, artifact: artifactPath }
      : current;
  }
  switch (strategy) {
    case 'random':
    case 'round_robin':
      return { strategy, ...keepCommon(current) };
    case 'llmrouter':
      if (artifactPath === undefined) {
        throw new LLMRouterError({
          code: 'request_invalid',
          message: `--router ${name} needs a trained artifact.`,
          hint: 'Train one with `llmrouter train --data <routing data> --output router.knn`, then pass --artifact router.knn.',
        });
      }
      return { strategy: 'llmrouter', artifact: artifactPath, ...keepCommon(current) };
    case 'rules':
      throw needsConfig('rules', 'rules and a default model');
    case 'llm':
      throw needsConfig('llm', 'a router_model and a default model');
  }
}

function keepCommon(current: RouterConfig): { fallback_models?: string[]; candidates?: string[] } {
  return {
    ...(current.fallback_models === undefined ? {} : { fallback_models: current.fallback_models }),
    ...(current.candidates === undefined ? {} : { candidates: current.candidates }),
  };
}
