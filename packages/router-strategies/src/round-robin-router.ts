import type { RouteCandidateV1, RouterV1 } from '@llmrouter/core';
import { decisionCandidates } from './route-candidates';
import { decisionWeights } from './weights';

export interface RoundRobinRouterOptions {
  candidates: ReadonlyMap<string, RouteCandidateV1>;
  weights: ReadonlyMap<string, number> | undefined;
}

/**
 * Smooth weighted round-robin, as nginx does it: every pick adds each model's weight to its running
 * credit, takes the model with the most credit and charges it the total. Picks interleave (5:1:1 gives
 * a a b a c a a, not a a a a a b c), and any window of sum(weights) consecutive picks holds each model
 * exactly its weight's number of times. State is kept per candidate set, so tiers rotate independently.
 */
export function createRoundRobinRouter(options: RoundRobinRouterOptions): RouterV1 {
  const credits = new Map<string, number[]>();
  return {
    specificationVersion: 'v1',
    strategy: 'round_robin',
    route(_request, context) {
      const allowed = decisionCandidates(options.candidates, context);
      const weights = decisionWeights(options.weights, allowed);
      const key = allowed.map((candidate) => candidate.name).join('\u0000');
      let credit = credits.get(key);
      if (!credit) {
        credit = allowed.map(() => 0);
        credits.set(key, credit);
      }
      let total = 0;
      let best = -1;
      for (let index = 0; index < allowed.length; index++) {
        const weight = weights[index] ?? 0;
        if (weight === 0) continue;
        total += weight;
        credit[index] = (credit[index] ?? 0) + weight;
        if (best === -1 || (credit[index] ?? 0) > (credit[best] ?? 0)) best = index;
      }
      credit[best] = (credit[best] ?? 0) - total;
      return {
        model: allowed[best]!.name,
        strategy: 'round_robin',
        reason: `weighted round-robin (weight ${weights[best]} of ${total})`,
      };
    },
  };
}
