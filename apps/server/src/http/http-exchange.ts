import type { CancelSignalV1 } from '@llmrouter/core';

/** Request headers that carry credentials: routing rules never see them. */
export const CREDENTIAL_HEADERS: ReadonlySet<string> = new Set(['authorization', 'x-api-key', 'cookie']);

/** Where an answer's server-sent events go. */
export interface SseSink {
  /**
   * Sends one event; `data` is one line (a JSON chunk or `[DONE]`). Returns a promise only when the client
   * is not keeping up: the producer waits for it before sending more. Most events need no wait, and not
   * awaiting saves a promise turn per event.
   */
  send(data: string, event?: string): Promise<void> | undefined;
  /**
   * Writes the events waiting for the end of the event loop's turn now. The first content is flushed at
   * once: when the upstream's answer arrives in one read, the turn lasts until the whole answer is relayed.
   */
  flush(): void;
  /** True once the client has gone. */
  readonly closed: boolean;
}

/**
 * One request and its answer, whatever carries them: Node's IncomingMessage and ServerResponse (the
 * gateway's own listener, or Hono under @hono/node-server), or a Hono context elsewhere (`app.request` in
 * tests, other runtimes). Handlers and middleware read and answer through it, so one handler serves all.
 */
export interface HttpExchange {
  readonly method: string;
  /** The request path, without the query. */
  readonly path: string;
  /** One request header (lower-case name). */
  header(name: string): string | undefined;
  /** The request's headers for routing rules and tiers: lower-case names, credentials left out. */
  routingHeaders(): Record<string, string>;
  /** The body as text; `tooLarge` is thrown once more than `limit` bytes have come. */
  readText(limit: number, tooLarge: () => Error): Promise<string>;
  /**
   * Calls `listener` once the exchange is over: `finished` is false when the client left before the
   * answer ended. Off Node only a client that leaves is reported.
   */
  onClose(listener: (finished: boolean) => void): void;
  /** Sets a header of the answer to come. */
  setHeader(name: string, value: string): void;
  /** Answers `status` with `body` as JSON and `headers`, which it adds the content headers to. */
  json(status: number, body: unknown, headers: Record<string, string>): void;
  /**
   * Answers 200 with the events `produce` sends and `headers`, which it adds the SSE headers to; `signal` is
   * the request's (client gone, or its timeout).
   */
  sse(
    headers: Record<string, string>,
    signal: CancelSignalV1,
    produce: (sink: SseSink) => Promise<void>,
  ): void;
}
