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
 * One SSE answer on a ServerResponse. Events produced in one turn of the event loop (an upstream read often
 * carries several) are joined into one string and written once the turn's work is done: one write, instead
 * of a write and a buffered chunk per event.
 *
 * A class, not an object literal: made per request as a literal with a getter, the sink got every streamed
 * answer's objects promoted to the old generation, about 0.6 MB per young collection under the benchmark, so
 * young collections took three times as long and full collections came every few seconds (found with
 * `--trace-gc-nvp`; decision 0004; `gateway-memory.test.ts` holds it).
 */
class NodeSseSink implements SseSink {
  private pending = '';
  private scheduled = false;

  constructor(
    private readonly outgoing: ServerResponse,
    private readonly signal: CancelSignalV1,
  ) {}

  get closed(): boolean {
    return this.outgoing.destroyed || this.outgoing.writableEnded;
  }

  send(data: string, event?: string): Promise<void> | undefined {
    if (this.closed) return undefined;
    this.pending += frame(data, event);
    if (this.pending.length >= FLUSH_AT) this.flush();
    else if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(flushSink, this);
    }
    return this.outgoing.writableNeedDrain ? writable(this.outgoing, this.signal) : undefined;
  }

  flush(): void {
    this.scheduled = false;
    const text = this.pending;
    this.pending = '';
    if (text && !this.closed) this.outgoing.write(text);
  }

  /** Ends the answer with whatever is still waiting. */
  end(): void {
    if (this.outgoing.writableEnded || this.outgoing.destroyed) return;
    const text = this.pending;
    this.pending = '';
    this.outgoing.end(text);
  }
}

function flushSink(sink: NodeSseSink): void {
  sink.flush();
}

/**
 * Answers with the events `produce` sends, straight into the ServerResponse: a web TransformStream (Hono's
 * streamSSE) would cost a promise hop per event, more than the rest of relaying a token. The headers leave
 * with the first write.
 */
export function writeSse(
  outgoing: ServerResponse,
  headers: Record<string, string>,
  signal: CancelSignalV1,
  produce: (sink: SseSink) => Promise<void>,
): void {
  for (const name in SSE_HEADERS) headers[name] = SSE_HEADERS[name as keyof typeof SSE_HEADERS];
  outgoing.writeHead(200, headers);
  const sink = new NodeSseSink(outgoing, signal);
  produce(sink)
    .catch((error: unknown) => outgoing.destroy(error instanceof Error ? error : undefined))
    .finally(() => sink.end());
}
