import {
  type CancelSignalV1,
  type ChatModelV1,
  type RouteCandidateV1,
  type RouteDecisionV1,
  type RouterV1,
  toAbortSignal,
} from '@llmrouter/core';
import { LLMRouterError } from '@llmrouter/errors';
import { type CostPreset, resolveCostWeight } from './cost-weight';
import { DecisionCache } from './decision-cache';
import { buildRouterPrompt, DEFAULT_ROUTER_INSTRUCTIONS } from './llm-router-prompt';
import { parseRouterAnswer } from './parse-router-answer';
import { routingText } from './request-text';
import { blendedPrice, decisionCandidates, preferredOrCheapest } from './route-candidates';
import { requireCandidateName } from './strategy-errors';

export interface LlmRouterOptions {
  candidates: ReadonlyMap<string, RouteCandidateV1>;
  /** The model that routes; any configured model, routable or not. */
  routerModel: ChatModelV1;
  routerModelName: string;
  default: string;
  timeoutMs?: number | undefined;
  cacheTtlMs?: number | undefined;
  prompt?: string | undefined;
  costWeight?: number | undefined;
  preset?: CostPreset | undefined;
  now?: () => number;
}

/** Asks a router model which candidate should answer; anything unreadable or slow falls back to the default. */
export function createLlmRouter(options: LlmRouterOptions): RouterV1 {
  requireCandidateName(options.default, 'default', new Set(options.candidates.keys()));
  const cache = new DecisionCache<RouteDecisionV1>(options.cacheTtlMs ?? 60_000, 1000, options.now);
  const timeoutMs = options.timeoutMs ?? 5000;
  const instructions = options.prompt ?? DEFAULT_ROUTER_INSTRUCTIONS;

  async function ask(system: string, user: string, signal: CancelSignalV1 | undefined): Promise<string> {
    const timeout = new AbortController();
    const combined = signal ? AbortSignal.any([toAbortSignal(signal), timeout.signal]) : timeout.signal;
    let timer: ReturnType<typeof setTimeout> | undefined;
    // Raced as well as signalled: a model that ignores its abort signal must not stall routing.
    const expired = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const error = new LLMRouterError({
          code: 'provider_timeout',
          message: `The router model took over ${timeoutMs} ms.`,
        });
        timeout.abort(error);
        reject(error);
      }, timeoutMs);
    });
    try {
      const result = await Promise.race([
        options.routerModel.generate(
          {
            messages: [
              { role: 'system', content: system },
              { role: 'user', content: [{ type: 'text', text: user }] },
            ],
            maxTokens: 300,
            temperature: 0,
          },
          { signal: combined },
        ),
        expired,
      ]);
      return result.text;
    } finally {
      clearTimeout(timer);
    }
  }

  return {
    specificationVersion: 'v1',
    strategy: 'llm',
    async route(request, context) {
      const allowed = decisionCandidates(options.candidates, context);
      const names = allowed.map((candidate) => candidate.name);
      const fallback = preferredOrCheapest(options.default, allowed);
      if (allowed.length === 1) return { model: fallback, strategy: 'llm', reason: 'only one candidate' };
      const costWeight = resolveCostWeight(context, {
        cost_weight: options.costWeight,
        preset: options.preset,
      });
      const query = routingText(request);
      const key = JSON.stringify([query, names, costWeight]);
      const cached = cache.get(key);
      if (cached) return { ...cached, reason: `${cached.reason} (cached)` };

      const { system, user } = buildRouterPrompt(instructions, allowed, query, costWeight);
      let answer: string;
      try {
        answer = await ask(system, user, context.signal);
      } catch (error) {
        if (context.signal?.aborted) {
          throw new LLMRouterError({
            code: 'aborted',
            message: 'The request was aborted while routing.',
            cause: error,
          });
        }
        const why = LLMRouterError.is(error) ? error.code : error instanceof Error ? error.name : 'error';
        // Not cached: a timeout or outage should not pin the default for the whole TTL.
        return {
          model: fallback,
          strategy: 'llm',
          reason: `router model ${options.routerModelName} failed (${why}); default`,
        };
      }
      const parsed = parseRouterAnswer(answer, names);
      let decision: RouteDecisionV1;
      if (!parsed) {
        decision = { model: fallback, strategy: 'llm', reason: 'router answer unreadable; default' };
      } else if (parsed.scores) {
        // The router model scored every candidate: apply the cost knob to its scores.
        const adjusted: Record<string, number> = {};
        let best = parsed.model;
        let bestValue = Number.NEGATIVE_INFINITY;
        for (const candidate of allowed) {
          const value = (parsed.scores[candidate.name] ?? 0) - costWeight * (blendedPrice(candidate) ?? 0);
          adjusted[candidate.name] = value;
          if (value > bestValue) {
            bestValue = value;
            best = candidate.name;
          }
        }
        decision = {
          model: best,
          strategy: 'llm',
          reason: `router model scores, λ=${costWeight}`,
          scores: adjusted,
        };
      } else {
        decision = {
          model: parsed.model,
          strategy: 'llm',
          reason: `chosen by ${options.routerModelName} (${parsed.match})`,
        };
      }
      cache.set(key, decision);
      return decision;
    },
  };
}
