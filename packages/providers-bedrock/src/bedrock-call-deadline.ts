import type { CancelSignalV1 } from '@llmrouter/core';
import { LLMRouterError } from '@llmrouter/errors';

export type AbortReason = 'caller' | 'first-byte' | 'overall';

/**
 * One abort signal for the SDK that fires on the caller's abort, on the first-byte deadline (until
 * `firstByte()` is called) and on the overall deadline. `reason` says which fired, so the error
 * names the setting to raise.
 */
export class BedrockCallDeadline {
  readonly signal: AbortSignal;
  reason: AbortReason | undefined;
  private readonly controller = new AbortController();
  private firstByteTimer: NodeJS.Timeout | undefined;
  private overallTimer: NodeJS.Timeout | undefined;
  private readonly onCallerAbort = () => this.abort('caller');

  constructor(
    private readonly callerSignal: CancelSignalV1 | undefined,
    firstByteTimeoutMs: number | undefined,
    timeoutMs: number | undefined,
  ) {
    this.signal = this.controller.signal;
    callerSignal?.addEventListener('abort', this.onCallerAbort, { once: true });
    if (firstByteTimeoutMs !== undefined)
      this.firstByteTimer = setTimeout(() => this.abort('first-byte'), firstByteTimeoutMs);
    if (timeoutMs !== undefined) this.overallTimer = setTimeout(() => this.abort('overall'), timeoutMs);
  }

  private abort(reason: AbortReason): void {
    if (this.reason !== undefined) return;
    this.reason = reason;
    this.controller.abort(new Error(`bedrock call aborted: ${reason}`));
  }

  /** The answer started arriving: the first-byte deadline no longer applies. */
  firstByte(): void {
    clearTimeout(this.firstByteTimer);
    this.firstByteTimer = undefined;
  }

  /** Closes the connection of a call nobody listens to any more (a consumer that stopped reading). */
  cancel(): void {
    if (this.reason === undefined && !this.controller.signal.aborted)
      this.controller.abort(new Error('bedrock call cancelled'));
  }

  dispose(): void {
    clearTimeout(this.firstByteTimer);
    clearTimeout(this.overallTimer);
    this.callerSignal?.removeEventListener('abort', this.onCallerAbort);
  }
}

export function abortedError(modelId: string): LLMRouterError {
  return new LLMRouterError({
    code: 'aborted',
    message: `The call to ${modelId} was aborted.`,
    hint: 'The caller aborted the request; nothing to fix.',
    provider: 'bedrock',
    modelId,
  });
}
