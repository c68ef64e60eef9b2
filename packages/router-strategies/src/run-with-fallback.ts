import type { RouteDecisionV1 } from '@llmrouter/core';
import { type ErrorCode, LLMRouterError, toLLMRouterError } from '@llmrouter/errors';

export interface FallbackAttempt {
  model: string;
  code: ErrorCode;
  message: string;
  retryable: boolean;
}

export interface RunWithFallbackOptions<T> {
  decision: Pick<RouteDecisionV1, 'model'>;
  /** Tried in order after the decision's model; duplicates of earlier targets are skipped. */
  fallbackModels?: readonly string[] | undefined;
  attempt: (modelName: string) => Promise<T>;
  /** True once any byte of the answer reached the client: from then on a failure cannot be hidden. */
  contentSent: () => boolean;
}

export interface FallbackOutcome<T> {
  value: T;
  /** The model that answered. */
  model: string;
  /** The failures before it, in order. */
  attempts: FallbackAttempt[];
}

/**
 * Tries the chosen model, then each fallback, but only on retryable failures (rate limits, timeouts,
 * 5xx, access denied) and never once content was sent: a client that has half an answer must see the
 * error, not a second answer spliced on. A non-retryable failure is returned as it is.
 */
export async function runWithFallback<T>(options: RunWithFallbackOptions<T>): Promise<FallbackOutcome<T>> {
  const fallbacks = options.fallbackModels ?? [];
  // Most requests have no fallbacks: skip building the de-duplicated list for them.
  const targets =
    fallbacks.length === 0 ? [options.decision.model] : [...new Set([options.decision.model, ...fallbacks])];
  const attempts: FallbackAttempt[] = [];
  let lastError: LLMRouterError | undefined;
  for (const model of targets) {
    try {
      return { value: await options.attempt(model), model, attempts };
    } catch (thrown) {
      const error = toLLMRouterError(thrown, { code: 'internal', modelId: model });
      attempts.push({ model, code: error.code, message: error.message, retryable: error.retryable });
      if (options.contentSent() || !error.retryable) throw error;
      lastError = error;
    }
  }
  // With nowhere else to go, the one model's own error says more than a summary would.
  if (attempts.length === 1 && lastError) throw lastError;
  throw new LLMRouterError({
    code: 'all_targets_failed',
    message: `Every target failed: ${attempts.map((attempt) => `${attempt.model} (${attempt.code})`).join(', ')}.`,
    hint: 'Check the providers of these models, or add more fallback_models.',
    cause: lastError,
    details: { attempts },
  });
}
