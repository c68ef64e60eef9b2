import type { RouteCandidateV1 } from '@llmrouter/core';
import { requireCandidateName, routerConfigError } from './strategy-errors';

/** Checks a `weights:` map and returns it as a Map; undefined means every candidate weighs the same. */
export function checkWeights(
  weights: Record<string, number> | undefined,
  known: ReadonlySet<string>,
): Map<string, number> | undefined {
  if (weights === undefined) return undefined;
  const checked = new Map<string, number>();
  for (const [name, weight] of Object.entries(weights)) {
    requireCandidateName(name, `weights.${name}`, known);
    if (!Number.isFinite(weight) || weight < 0) {
      throw routerConfigError(
        `weights.${name}`,
        'a weight must be a finite number ≥ 0',
        'use 0 or more',
        weight,
      );
    }
    checked.set(name, weight);
  }
  if ([...checked.values()].every((weight) => weight === 0)) {
    throw routerConfigError(
      'weights',
      'every weight is 0, so no model could be chosen',
      'give at least one model a weight above 0',
    );
  }
  return checked;
}

/**
 * The weight of each allowed candidate for one decision. Models missing from `weights:` get 0; when a
 * tier leaves no weighted model, the tier's models share equally rather than failing the request.
 */
export function decisionWeights(
  weights: ReadonlyMap<string, number> | undefined,
  allowed: readonly RouteCandidateV1[],
): number[] {
  if (weights === undefined) return allowed.map(() => 1);
  const chosen = allowed.map((candidate) => weights.get(candidate.name) ?? 0);
  return chosen.some((weight) => weight > 0) ? chosen : allowed.map(() => 1);
}
