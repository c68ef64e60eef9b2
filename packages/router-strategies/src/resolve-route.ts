import type {
  CancelSignalV1,
  ChatRequestV1,
  RouteCandidateV1,
  RouteDecisionV1,
  RouterV1,
  TierV1,
} from '@llmrouter/core';
import { LLMRouterError } from '@llmrouter/errors';
import { extractTierTag, tierFromHeaders } from './tier-tag';

export interface ResolveRouteOptions {
  /** The request's `model` field. */
  requestedModel?: string | undefined;
  request: ChatRequestV1;
  router: RouterV1;
  /** The routable configured models. */
  candidates: readonly RouteCandidateV1[];
  headers?: Readonly<Record<string, string>>;
  metadata?: Readonly<Record<string, string>>;
  costWeight?: number;
  signal?: CancelSignalV1;
}

export interface ResolvedRoute {
  decision: RouteDecisionV1;
  /** The request to send: the tier tag, if any, removed. */
  request: ChatRequestV1;
  tier?: TierV1;
}

/**
 * Turns a client request into a decision. A request naming a configured model goes straight to it;
 * `auto`, an empty name or an unknown name is routed, within the tier a prompt tag (`[high]`, `[low]`)
 * or the `x-llmrouter-tier` header asks for. The tag always leaves the prompt, so no model sees it.
 */
export async function resolveRoute(options: ResolveRouteOptions): Promise<ResolvedRoute> {
  const tagged = extractTierTag(options.request);
  const tier = tagged.tier ?? tierFromHeaders(options.headers);
  const request = tagged.request;
  const named = options.requestedModel?.trim();
  const direct = named ? options.candidates.find((candidate) => candidate.name === named) : undefined;
  if (direct) {
    const decision: RouteDecisionV1 = {
      model: direct.name,
      strategy: 'direct',
      reason: 'model named in the request',
    };
    return tier ? { decision, request, tier } : { decision, request };
  }
  const candidates = tier
    ? options.candidates.filter((candidate) => candidate.tier === tier)
    : options.candidates;
  if (candidates.length === 0) {
    throw new LLMRouterError({
      code: 'no_route',
      message: tier
        ? `No configured model is in the "${tier}" tier.`
        : 'No configured model can be routed to.',
      hint: tier
        ? `Tag models with tier: ${tier} in the config, or ask for another tier.`
        : 'Configure at least one routable chat model.',
      details: tier ? { tier } : {},
    });
  }
  const context = {
    candidates,
    ...(options.headers ? { headers: options.headers } : {}),
    ...(options.metadata ? { metadata: options.metadata } : {}),
    ...(options.costWeight !== undefined ? { costWeight: options.costWeight } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  };
  const decision = await options.router.route(request, context);
  return tier ? { decision, request, tier } : { decision, request };
}
