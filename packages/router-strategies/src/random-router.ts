import type { RouteCandidateV1, RouterV1 } from '@llmrouter/core';
import { decisionCandidates } from './route-candidates';
import { decisionWeights } from './weights';

export interface RandomRouterOptions {
  candidates: ReadonlyMap<string, RouteCandidateV1>;
  weights: ReadonlyMap<string, number> | undefined;
  /** A number in [0, 1); seed it in tests. */
  random: () => number;
}

/** Picks a model at random in proportion to its weight (uniformly without weights). */
export function createRandomRouter(options: RandomRouterOptions): RouterV1 {
  return {
    specificationVersion: 'v1',
    strategy: 'random',
    route(_request, context) {
      const allowed = decisionCandidates(options.candidates, context);
      const weights = decisionWeights(options.weights, allowed);
      const total = weights.reduce((sum, weight) => sum + weight, 0);
      let remaining = options.random() * total;
      let chosen = allowed.length - 1;
      for (let index = 0; index < allowed.length; index++) {
        remaining -= weights[index] ?? 0;
        if (remaining < 0) {
          chosen = index;
          break;
        }
      }
      // Rounding can leave `remaining` at exactly 0 after the last weighted model; never land on a 0 weight.
      while ((weights[chosen] ?? 0) === 0 && chosen > 0) chosen--;
      const model = allowed[chosen]!.name;
      const weight = weights[chosen] ?? 0;
      return { model, strategy: 'random', reason: `random pick (weight ${weight} of ${total})` };
    },
  };
}
