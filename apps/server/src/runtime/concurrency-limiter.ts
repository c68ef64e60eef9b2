import { LLMRouterError } from '@llmrouter/errors';

/**
 * Caps in-flight upstream calls per model. A model at its cap answers `overloaded` at once (retryable,
 * so a fallback model takes the request) rather than queueing behind a slow upstream.
 */
export class ConcurrencyLimiter {
  private readonly inFlight = new Map<string, number>();

  constructor(private readonly limit: number) {}

  acquire(model: string): () => void {
    const current = this.inFlight.get(model) ?? 0;
    if (current >= this.limit) {
      throw new LLMRouterError({
        code: 'overloaded',
        message: `Model ${model} has ${current} requests in flight (the limit).`,
        hint: 'Retry shortly, add fallback_models, or raise server.limits.max_concurrency_per_model.',
        modelId: model,
      });
    }
    this.inFlight.set(model, current + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.inFlight.set(model, (this.inFlight.get(model) ?? 1) - 1);
    };
  }

  count(model: string): number {
    return this.inFlight.get(model) ?? 0;
  }
}
