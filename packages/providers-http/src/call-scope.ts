import type { CancelSignalV1 } from '@llmrouter/core';
import { LLMRouterError } from '@llmrouter/errors';
import type { UpstreamErrorContext } from './map-http-error';

/** What a scope stops when it ends: the request in flight, or a retry's backoff. */
export interface ScopeTask {
  stop(): void;
}

/**
 * One call's cancellation: the caller's signal and the overall timeout both end the scope, which stops
 * the one task the call is doing (a call sends, reads or waits, one at a time) and remembers which of the
 * two fired so the error says so. A plain field instead of an AbortSignal or EventEmitter: on Node 20
 * making a signal and adding listeners to it costs more than the rest of a call's bookkeeping.
 */
export class CallScope {
  private state: 'active' | 'caller-aborted' | 'timed-out' = 'active';
  private task: ScopeTask | undefined;
  private readonly timer: NodeJS.Timeout | undefined;
  private readonly onCallerAbort = (): void => this.abort('caller-aborted');

  constructor(
    private readonly callerSignal: CancelSignalV1 | undefined,
    private readonly timeoutMs: number,
  ) {
    if (callerSignal?.aborted) {
      this.abort('caller-aborted');
      return;
    }
    callerSignal?.addEventListener('abort', this.onCallerAbort, { once: true });
    this.timer = setTimeout(() => this.abort('timed-out'), timeoutMs);
    // The timer guards a call, it must not keep a finished process alive.
    this.timer.unref();
  }

  /** True once the caller aborted or the overall timeout fired. */
  get ended(): boolean {
    return this.state !== 'active';
  }

  /** Makes `task` the one to stop if the scope ends; it replaces the previous attempt's task. */
  watch(task: ScopeTask): void {
    this.task = task;
  }

  /** The error for the reason this scope ended, or undefined while it is active. */
  failure(
    context: Pick<UpstreamErrorContext, 'provider' | 'modelId' | 'displayName'>,
  ): LLMRouterError | undefined {
    const { provider, modelId, displayName } = context;
    if (this.state === 'caller-aborted') {
      return new LLMRouterError({
        code: 'aborted',
        message: `The call to ${displayName} model "${modelId}" was aborted by the caller.`,
        hint: 'Nothing to fix: the caller cancelled the request.',
        provider,
        modelId,
      });
    }
    if (this.state === 'timed-out') {
      return new LLMRouterError({
        code: 'provider_timeout',
        message: `The call to ${displayName} model "${modelId}" took longer than ${this.timeoutMs} ms.`,
        hint: 'Raise timeout_ms for this provider, lower maxTokens, or stream the answer.',
        provider,
        modelId,
      });
    }
    return undefined;
  }

  /** Waits `delayMs` (a retry's backoff); rejects as soon as the scope ends. */
  sleep(delayMs: number): Promise<void> {
    if (this.ended) return Promise.reject(new Error(this.state));
    return new Promise((resolve, reject) => {
      const backoff: ScopeTask = {
        stop: () => {
          clearTimeout(timer);
          reject(new Error(this.state));
        },
      };
      const timer = setTimeout(() => {
        if (this.task === backoff) this.task = undefined;
        resolve();
      }, delayMs);
      this.task = backoff;
    });
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.callerSignal?.removeEventListener('abort', this.onCallerAbort);
    this.task = undefined;
  }

  private abort(state: 'caller-aborted' | 'timed-out'): void {
    if (this.state !== 'active') return;
    this.state = state;
    if (this.timer) clearTimeout(this.timer);
    const task = this.task;
    this.task = undefined;
    task?.stop();
  }
}
