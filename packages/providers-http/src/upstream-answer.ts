import { type Dispatcher, errors } from 'undici';
import type { ScopeTask } from './call-scope';

export type ResponseHeaders = Record<string, string | string[] | undefined>;

/** Unread bytes a streamed answer may queue before the socket is paused (undici's own default). */
const HIGH_WATER_BYTES = 64 * 1024;

type Waiting = 'nothing' | 'start' | 'text' | 'chunk';

/**
 * One upstream answer: the handler undici's `dispatch` reports to, and the body the caller reads. It
 * replaces `request()`, which builds a handler with signal listeners and a Node stream per call.
 * Chunks are kept as they arrive: `text()` joins them once at the end, while iterating hands them
 * out one by one and pauses the socket while more than 64 KiB wait unread. Stopping it (the call's
 * scope ended, or the reader let go) aborts the request, which closes the socket so the upstream stops.
 */
export class UpstreamAnswer implements Dispatcher.DispatchHandler, AsyncIterator<Buffer>, ScopeTask {
  status = 0;
  headers: ResponseHeaders = {};
  private phase: 'sent' | 'open' | 'ended' | 'failed' = 'sent';
  private error: Error | undefined;
  private controller: Dispatcher.DispatchController | undefined;
  private readonly chunks: Buffer[] = [];
  private head = 0;
  private queuedBytes = 0;
  /** A whole-answer read collects everything, so it never pauses the socket. */
  private whole = false;
  private waiting: Waiting = 'nothing';
  // One pending read at a time; `resolve` receives what `waiting` names.
  private resolve: ((value: unknown) => void) | undefined;
  private reject: ((error: Error) => void) | undefined;

  /** True once the whole answer has arrived (the contract of a Node stream's `readableEnded`). */
  get readableEnded(): boolean {
    return this.phase === 'ended';
  }

  /** Resolves when the status and headers have arrived; rejects if the request fails first. */
  started(): Promise<void> {
    if (this.phase === 'open' || this.phase === 'ended') return Promise.resolve();
    return this.wait('start');
  }

  /** The whole answer as UTF-8 text (a leading byte-order mark dropped, as undici's `text()` does). */
  text(): Promise<string> {
    this.whole = true;
    if (this.phase === 'ended') return Promise.resolve(this.joined());
    this.controller?.resume();
    return this.wait('text');
  }

  async json(): Promise<unknown> {
    return JSON.parse(await this.text());
  }

  [Symbol.asyncIterator](): AsyncIterator<Buffer> {
    return this;
  }

  next(): Promise<IteratorResult<Buffer>> {
    if (this.head < this.chunks.length) return Promise.resolve({ done: false, value: this.take() });
    if (this.phase === 'ended') return Promise.resolve({ done: true, value: undefined });
    return this.wait('chunk');
  }

  async return(): Promise<IteratorResult<Buffer>> {
    this.destroy();
    return { done: true, value: undefined };
  }

  /** Lets go of an unfinished answer: the request is aborted and its socket closed. */
  destroy(): void {
    if (this.active) this.fail(new errors.RequestAbortedError(), true);
    this.chunks.length = 0;
    this.head = 0;
  }

  /** The call's scope ended (caller abort, overall timeout); the scope's error is what the caller sees. */
  stop(): void {
    if (this.active) this.fail(new errors.RequestAbortedError(), true);
  }

  onRequestStart(controller: Dispatcher.DispatchController): void {
    this.controller = controller;
    // Stopped while queued for a connection: undici only offers the abort now.
    if (this.phase === 'failed') controller.abort(this.error as Error);
  }

  onResponseStart(
    _controller: Dispatcher.DispatchController,
    status: number,
    headers: ResponseHeaders,
  ): void {
    if (status < 200 || this.phase !== 'sent') return; // 1xx informational answers precede the real one
    this.status = status;
    this.headers = headers;
    this.phase = 'open';
    if (this.waiting === 'start') this.settle(undefined);
  }

  onResponseData(controller: Dispatcher.DispatchController, chunk: Buffer): void {
    if (this.phase !== 'open') return;
    if (this.waiting === 'chunk') {
      this.settle({ done: false, value: chunk });
      return;
    }
    this.chunks.push(chunk);
    this.queuedBytes += chunk.length;
    if (!this.whole && this.queuedBytes > HIGH_WATER_BYTES) controller.pause();
  }

  onResponseEnd(): void {
    if (this.phase !== 'open') return;
    this.phase = 'ended';
    if (this.waiting === 'text') this.settle(this.joined());
    else if (this.waiting === 'chunk') this.settle({ done: true, value: undefined });
  }

  onResponseError(_controller: Dispatcher.DispatchController, error: Error): void {
    if (this.active) this.fail(error, false);
  }

  private get active(): boolean {
    return this.phase === 'sent' || this.phase === 'open';
  }

  /** Ends the answer with `error`; `abort` when the request is still running and must be cut off. */
  private fail(error: Error, abort: boolean): void {
    this.phase = 'failed';
    this.error = error;
    // A failed answer hands out nothing more, as an errored Node stream does.
    this.chunks.length = 0;
    this.head = 0;
    this.queuedBytes = 0;
    if (abort) this.controller?.abort(error);
    const reject = this.reject;
    this.waiting = 'nothing';
    this.resolve = undefined;
    this.reject = undefined;
    reject?.(error);
  }

  private wait<T>(what: Waiting): Promise<T> {
    if (this.phase === 'failed') return Promise.reject(this.error);
    return new Promise<T>((resolve, reject) => {
      this.waiting = what;
      this.resolve = resolve as (value: unknown) => void;
      this.reject = reject;
    });
  }

  private settle(value: unknown): void {
    const resolve = this.resolve;
    this.waiting = 'nothing';
    this.resolve = undefined;
    this.reject = undefined;
    resolve?.(value);
  }

  private take(): Buffer {
    const chunk = this.chunks[this.head] as Buffer;
    this.chunks[this.head++] = EMPTY;
    this.queuedBytes -= chunk.length;
    if (this.head === this.chunks.length) {
      this.chunks.length = 0;
      this.head = 0;
      // Drained: let the socket deliver again.
      if (this.controller?.paused) this.controller.resume();
    }
    return chunk;
  }

  private joined(): string {
    const { chunks } = this;
    if (chunks.length === 0) return '';
    const buffer = chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, this.queuedBytes);
    const bom = buffer.length > 2 && buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf;
    return buffer.toString('utf8', bom ? 3 : 0);
  }
}

const EMPTY = Buffer.alloc(0);
