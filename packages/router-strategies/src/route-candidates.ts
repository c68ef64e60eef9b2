import type { RouteCandidateV1, RouteContextV1 } from '@llmrouter/core';
import { LLMRouterError } from '@llmrouter/errors';

/**
 * The candidates a single decision may choose from: the context's list (already narrowed to a tier)
 * intersected with the models this router was configured with, so a strategy can never return a model
 * outside its configuration whatever the caller passes.
 */
export function decisionCandidates(
  configured: ReadonlyMap<string, RouteCandidateV1>,
  context: RouteContextV1,
): RouteCandidateV1[] {
  const allowed = context.candidates.filter((candidate) => configured.has(candidate.name));
  if (allowed.length > 0) return allowed;
  throw new LLMRouterError({
    code: 'no_route',
    message:
      context.candidates.length === 0
        ? 'No candidate model is available for this request.'
        : `None of the request's candidate models (${context.candidates.map((c) => c.name).join(', ')}) is configured for this router.`,
    hint: 'Ask for a tier that has models, or add the model to router.candidates.',
  });
}

/** The configured candidates by name, limited to `names` when the config lists them. */
export function configuredCandidates(
  all: readonly RouteCandidateV1[],
  names: readonly string[] | undefined,
): Map<string, RouteCandidateV1> {
  const byName = new Map(all.map((candidate) => [candidate.name, candidate] as const));
  if (names === undefined) return byName;
  const limited = new Map<string, RouteCandidateV1>();
  for (const name of names) {
    const candidate = byName.get(name);
    if (candidate) limited.set(name, candidate);
  }
  return limited;
}

/** The mean of input and output price in USD per million tokens; undefined when neither is known. */
export function blendedPrice(
  candidate: Pick<RouteCandidateV1, 'inputPrice' | 'outputPrice'>,
): number | undefined {
  const { inputPrice, outputPrice } = candidate;
  if (inputPrice === undefined && outputPrice === undefined) return undefined;
  return ((inputPrice ?? outputPrice ?? 0) + (outputPrice ?? inputPrice ?? 0)) / 2;
}

/** `preferred` when it may be chosen, else the cheapest allowed candidate (a safe default inside a tier). */
export function preferredOrCheapest(
  preferred: string | undefined,
  allowed: readonly RouteCandidateV1[],
): string {
  if (preferred !== undefined && allowed.some((candidate) => candidate.name === preferred)) return preferred;
  let best = allowed[0]!;
  for (const candidate of allowed) {
    if (
      (blendedPrice(candidate) ?? Number.POSITIVE_INFINITY) < (blendedPrice(best) ?? Number.POSITIVE_INFINITY)
    ) {
      best = candidate;
    }
  }
  return best.name;
}
