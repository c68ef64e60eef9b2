import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { CancelSignalV1 } from '@llmrouter/core';
import { getPath } from 'hono/utils/url';
import { CREDENTIAL_HEADERS, type HttpExchange, type SseSink } from './http-exchange';
import { writeSse } from './node-sse';

/** Node's request headers as routing sees them: lower-case names, credentials left out. */
export function headersForRouting(headers: IncomingHttpHeaders): Record<string, string> {
  const record: Record<string, string> = {};
  for (const name in headers) {
    const value = headers[name];
    if (value !== undefined && !CREDENTIAL_HEADERS.has(name))
      record[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return record;
}

/**
 * A request path as Hono routes it (`/v1/%6Dodels` is `/v1/models`; `%25` and malformed escapes stay as
 * sent), by Hono's own function, so the request's record (its log line, its metrics label) names the
 * endpoint that answered it. Paths without an escape, nearly all, are returned as they are.
 */
export function decodePath(path: string): string {
  // getPath reads only `url`, and wants it absolute.
  return path.includes('%') ? getPath({ url: `http://localhost${path}` } as Request) : path;
}

/**
 * An exchange on Node's own objects. Everything here avoids the web objects (Request, Headers, streams):
 * on Node 20 building them costs more than the rest of relaying a small request.
 */
export class NodeExchange implements HttpExchange {
  readonly method: string;
  readonly path: string;
  /** Headers set before the answer, kept for it when this exchange writes every answer itself. */
  private readonly early: Record<string, string> | undefined;

  /**
   * `answersItself`: every answer goes through json() or sse() (the gateway's own listener), so headers
   * set before it can wait in a plain object. Node's setHeader validates and stores each one, and then
   * merges them into the written headers: about 1.5 µs an answer. Under Hono, whose adapter may write
   * the answer, they go onto the ServerResponse.
   */
  constructor(
    readonly incoming: IncomingMessage,
    readonly outgoing: ServerResponse,
    answersItself = false,
  ) {
    this.early = answersItself ? {} : undefined;
    this.method = incoming.method ?? 'GET';
    const url = incoming.url ?? '/';
    const query = url.indexOf('?');
    this.path = decodePath(query === -1 ? url : url.slice(0, query));
  }

  header(name: string): string | undefined {
    const value = this.incoming.headers[name];
    return Array.isArray(value) ? value.join(', ') : value;
  }

  routingHeaders(): Record<string, string> {
    return headersForRouting(this.incoming.headers);
  }

  readText(limit: number, tooLarge: () => Error): Promise<string> {
    const { incoming } = this;
    const declared = Number(incoming.headers['content-length']);
    // Events rather than `for await`: the async iterator costs more than the rest of reading a small body.
    return new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      const text = () =>
        chunks.length === 1 ? (chunks[0] as Buffer).toString('utf8') : Buffer.concat(chunks).toString('utf8');
      incoming.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > limit) {
          incoming.removeAllListeners('data');
          incoming.resume();
          reject(tooLarge());
          return;
        }
        chunks.push(chunk);
        // Once the declared length is in, the body is whole (the parser never passes more): 'end' would
        // come a few ticks later, about 3 µs on a small request.
        if (size === declared) resolve(text());
      });
      incoming.once('end', () => resolve(text()));
      incoming.once('error', reject);
    });
  }

  onClose(listener: (finished: boolean) => void): void {
    const { outgoing } = this;
    outgoing.once('close', () => listener(outgoing.writableFinished));
  }

  setHeader(name: string, value: string): void {
    if (this.early) this.early[name] = value;
    // Node merges it with the headers the answer is written with.
    else this.outgoing.setHeader(name, value);
  }

  /** Adds the headers set before the answer to its own (which win). */
  private withEarly(headers: Record<string, string>): Record<string, string> {
    const { early } = this;
    if (early) for (const name in early) headers[name] ??= early[name] as string;
    return headers;
  }

  json(status: number, body: unknown, headers: Record<string, string>): void {
    this.withEarly(headers);
    const text = JSON.stringify(body);
    headers['content-type'] = 'application/json';
    headers['content-length'] = String(Buffer.byteLength(text));
    this.outgoing.writeHead(status, headers);
    this.outgoing.end(text);
  }

  sse(
    headers: Record<string, string>,
    signal: CancelSignalV1,
    produce: (sink: SseSink) => Promise<void>,
  ): void {
    writeSse(this.outgoing, this.withEarly(headers), signal, produce);
  }
}
