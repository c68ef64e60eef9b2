import type { ServerResponse } from 'node:http';
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';
import type { CancelSignalV1 } from '@llmrouter/core';
import type { Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import { nodeResponse } from '../node-request';

/** Where an answer's server-sent events go. */
export interface SseSink {
  /**
   * Sends one event; `data` is one line (a JSON chunk or `[DONE]`). Returns a promise only when the client
   * is not keeping up: the producer waits for it before sending more. Most events need no wait, and not
   * awaiting saves a promise turn per event.
   */
  send(data: string, event?: string): Promise<void> | undefined;
  /** True once the client has gone. */
  readonly closed: boolean;
}

/** Events waiting for the end of the event-loop turn are written at once past this many characters. */
const FLUSH_AT = 16_384;

const SSE_HEADERS = {
  'content-type': 'text/event-stream',
  'cache-control': 'no-cache',
  connection: 'keep-alive',
} as const;

function frame(data: string, event: string | undefined): string {
  return event === undefined ? `data: ${data}\n\n` : `event: ${event}\ndata: ${data}\n\n`;
}

/**
 * Resolves when the response can take more, or has closed (nothing more will be read then). A client that
 * stops reading would hold the answer open without limit: when `signal` ends the request (its timeout),
 * a response still backed up is destroyed.
 */
function writable(outgoing: ServerResponse, signal: CancelSignalV1): Promise<void> {
  if (signal.aborted) {
    outgoing.destroy();
    return Promise.resolve();
  }
  return new Promise((resolve) => {
    const done = () => {
      outgoing.off('drain', done);
      outgoing.off('close', done);
      signal.removeEventListener('abort', giveUp);
      resolve();
    };
    const giveUp = () => {
      outgoing.destroy();
      done();
    };
    outgoing.on('drain', done);
    outgoing.on('close', done);
    signal.addEventListener('abort', giveUp);
  });
}

/**
 * Answers with the events `produce` sends, with `headers` (which it adds the SSE headers to); `signal` is
 * the request's (client gone, or its timeout). On Node they go straight into the ServerResponse: Hono's
 * streamSSE passes every event through a web TransformStream and the adapter's reader, whose promise hops
 * cost more than the rest of relaying a token. That path relies on nothing before the handler touching
 * `c.res` (our middleware set headers on Node's response: see setResponseHeader), because Hono copies a
 * response it already holds, and a copy of RESPONSE_ALREADY_SENT would be written a second time.
 * Elsewhere (app.request in tests, other runtimes) streamSSE does the work.
 */
export function sseResponse(
  c: Context,
  headers: Record<string, string>,
  signal: CancelSignalV1,
  produce: (sink: SseSink) => Promise<void>,
): Response {
  const outgoing = nodeResponse(c);
  if (!outgoing) {
    for (const [name, value] of Object.entries(headers)) c.header(name, value);
    return streamSSE(c, (stream) =>
      produce({
        send: (data, event) => stream.writeSSE(event === undefined ? { data } : { event, data }),
        get closed() {
          return stream.aborted || stream.closed;
        },
      }),
    );
  }
  // The headers leave with the first write. Events produced in one turn of the event loop (an upstream
  // read often carries several) are joined into one string and written once the turn's work is done: one
  // write, instead of a write and a buffered chunk per event.
  for (const name in SSE_HEADERS) headers[name] = SSE_HEADERS[name as keyof typeof SSE_HEADERS];
  outgoing.writeHead(200, headers);
  let pending = '';
  let scheduled = false;
  const flush = () => {
    scheduled = false;
    const text = pending;
    pending = '';
    if (text && !sink.closed) outgoing.write(text);
  };
  const sink: SseSink = {
    send(data, event) {
      if (sink.closed) return undefined;
      pending += frame(data, event);
      if (pending.length >= FLUSH_AT) flush();
      else if (!scheduled) {
        scheduled = true;
        setImmediate(flush);
      }
      return outgoing.writableNeedDrain ? writable(outgoing, signal) : undefined;
    },
    get closed() {
      return outgoing.destroyed || outgoing.writableEnded;
    },
  };
  produce(sink)
    .catch((error: unknown) => outgoing.destroy(error instanceof Error ? error : undefined))
    .finally(() => {
      if (outgoing.writableEnded || outgoing.destroyed) return;
      const text = pending;
      pending = '';
      outgoing.end(text);
    });
  return RESPONSE_ALREADY_SENT;
}
