import type { BedrockError } from './bedrock-errors.js';
import type { AnyRequest, AnyResponse } from './dual-protocol-listener.js';

/**
 * One request/response pair, over HTTP/1.1 or HTTP/2 alike (both servers hand out the same
 * compatibility API). Writes stop quietly once the client has gone or the connection was dropped.
 */
export class BedrockExchange {
  readonly startedAt = performance.now();
  private readonly controller = new AbortController();
  /** Settles when everything written so far has reached the socket, so a drop loses nothing already sent. */
  private lastWrite: Promise<void> = Promise.resolve();

  constructor(
    readonly request: AnyRequest,
    readonly response: AnyResponse,
    readonly requestId: string,
    private readonly dropSocket: () => void,
    closing: AbortSignal,
  ) {
    // Closing the emulator breaks off unfinished responses, so clients see a failure, not an early end.
    const onClosing = () => {
      this.controller.abort();
      if (!response.writableEnded) this.dropSocket();
    };
    if (closing.aborted) onClosing();
    closing.addEventListener('abort', onClosing, { once: true });
    response.once('close', () => {
      closing.removeEventListener('abort', onClosing);
      this.controller.abort();
    });
  }

  /** Aborted when the client disconnects, the connection is dropped or the emulator closes. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  elapsedMs(): number {
    return Math.round(performance.now() - this.startedAt);
  }

  sendError(error: BedrockError): void {
    this.send(error.status, error.body, {
      'content-type': 'application/json',
      'x-amzn-errortype': error.errorTypeHeader,
      ...error.extraHeaders,
    });
  }

  sendJson(body: unknown, headers: Record<string, string> = {}, dropHalfway = false): void {
    const text = JSON.stringify(body);
    if (dropHalfway) {
      this.writeHead(200, { 'content-type': 'application/json', ...headers });
      this.write(text.slice(0, Math.floor(text.length / 2)));
      void this.drop();
      return;
    }
    this.send(200, text, { 'content-type': 'application/json', ...headers });
  }

  startEventStream(headers: Record<string, string> = {}): void {
    this.writeHead(200, { 'content-type': 'application/vnd.amazon.eventstream', ...headers });
  }

  /** Writes one frame, waiting for the socket to drain when the client reads slowly. */
  async writeFrame(frame: Uint8Array): Promise<void> {
    if (this.signal.aborted) return;
    const flushed = this.write(frame);
    if (flushed) return;
    await new Promise<void>((resolve) => {
      const done = () => {
        this.response.off('drain', done);
        this.signal.removeEventListener('abort', done);
        resolve();
      };
      this.response.on('drain', done);
      this.signal.addEventListener('abort', done, { once: true });
    });
  }

  end(): void {
    if (!this.signal.aborted) this.response.end();
  }

  /**
   * Destroys the TCP connection under the request, as a network failure would — after what was already
   * written has left, so the client sees the partial response and then the connection die.
   */
  async drop(): Promise<void> {
    const flushTimeout = new Promise<void>((resolve) => setTimeout(resolve, 250).unref());
    await Promise.race([this.lastWrite, flushTimeout]);
    this.controller.abort();
    this.dropSocket();
  }

  private write(chunk: Uint8Array | string): boolean {
    let flushed = false;
    this.lastWrite = new Promise<void>((resolve) => {
      flushed = (this.response as NodeJS.WritableStream).write(chunk, () => resolve());
    });
    return flushed;
  }

  private send(status: number, body: string, headers: Record<string, string>): void {
    if (this.signal.aborted) return;
    this.writeHead(status, headers);
    this.response.end(body);
  }

  private writeHead(status: number, headers: Record<string, string>): void {
    this.response.writeHead(status, {
      ...headers,
      'x-amzn-requestid': this.requestId,
      date: new Date().toUTCString(),
    });
  }
}
