import type { ServerResponse } from 'node:http';
import type { CancelSignalV1 } from '@llmrouter/core';
import type { SseSink } from './http-exchange';

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
 * Answers with the events `produce` sends, straight into the ServerResponse: a web TransformStream (Hono's
 * streamSSE) would cost a promise hop per event, more than the rest of relaying a token. The headers leave
 * with the first write. Events produced in one turn of the event loop (an upstream read often carries
 * several) are joined into one string and written once the turn's work is done: one write, instead of a
 * write and a buffered chunk per event.
 */
export function writeSse(
  outgoing: ServerResponse,
  headers: Record<string, string>,
  signal: CancelSignalV1,
  produce: (sink: SseSink) => Promise<void>,
): void {
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
}
