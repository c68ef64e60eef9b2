import type { RouteContextV1 } from '@llmrouter/core';

export type CostPreset = 'quality_first' | 'balanced' | 'cost_first';

/**
 * λ for each preset, in quality points per USD per million tokens (blended price). Chosen by 5-fold
 * cross-validation on the training split only (docs/strategies.md): `balanced` is the λ at which the
 * learned router first matches the best single model's quality at the lowest cost; `cost_first` gives
 * up a few quality points for roughly the price of the cheapest models.
 */
export const COST_PRESETS: Readonly<Record<CostPreset, number>> = {
  quality_first: 0,
  balanced: 0.1,
  cost_first: 0.3,
};

/** λ for one decision: the request's, then the config's, then the preset's (balanced by default). */
export function resolveCostWeight(
  context: Pick<RouteContextV1, 'costWeight'>,
  config: { cost_weight?: number | undefined; preset?: CostPreset | undefined },
): number {
  return context.costWeight ?? config.cost_weight ?? COST_PRESETS[config.preset ?? 'balanced'];
}
