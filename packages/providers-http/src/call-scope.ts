import { EventEmitter } from 'node:events';
import { LLMRouterError } from '@llmrouter/errors';
import type { UpstreamErrorContext } from './map-http-error';

/**
 * The cancellation undici listens to. undici accepts an EventEmitter with `aborted` and `reason` as well
 * as an AbortSignal, and on Node 20 making an AbortSignal and adding a listener to it costs more than the
 * rest of a call's bookkeeping; there is one of these per upstream call.
 */
export class ScopeSignal extends EventEmitter {
  aborted = false;
  reason: unknown;
}

/**
 * One call's cancellation: the caller's signal and the overall timeout feed one internal signal that
 * reaches the socket, while the scope remembers which of the two fired so the error says so.
 */
export class CallScope {
  /** Fires when the caller aborts or the overall timeout passes; handed to undici. */
  readonly signal = new ScopeSignal();
  private state: 'active' | 'caller-aborted' | 'timed-out' = 'active';
  private readonly timer: NodeJS.Timeout | undefined;
  private readonly onCallerAbort = (): void => this.abort('caller-aborted');

  constructor(
    private readonly callerSignal: AbortSignal | undefined,
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
    return new Promise((resolve, reject) => {
      if (this.signal.aborted) {
        reject(this.signal.reason);
        return;
      }
      const onAbort = () => {
        clearTimeout(timer);
        reject(this.signal.reason);
      };
      const timer = setTimeout(() => {
        this.signal.off('abort', onAbort);
        resolve();
      }, delayMs);
      this.signal.once('abort', onAbort);
    });
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.callerSignal?.removeEventListener('abort', this.onCallerAbort);
  }

  private abort(state: 'caller-aborted' | 'timed-out'): void {
    if (this.state !== 'active') return;
    this.state = state;
    if (this.timer) clearTimeout(this.timer);
    this.signal.aborted = true;
    this.signal.reason = new Error(state);
    this.signal.emit('abort');
  }
}
