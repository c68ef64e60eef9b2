import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { CancelSignalV1 } from '@llmrouter/core';
import type { HttpExchange, SseSink } from './http-exchange';
import { writeSse } from './node-sse';

const CREDENTIAL_HEADERS = new Set(['authorization', 'x-api-key', 'cookie']);

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
 * An exchange on Node's own objects. Everything here avoids the web objects (Request, Headers, streams):
 * on Node 20 building them costs more than the rest of relaying a small request.
 */
export class NodeExchange implements HttpExchange {
  readonly method: string;
  readonly path: string;

  constructor(
    readonly incoming: IncomingMessage,
    readonly outgoing: ServerResponse,
  ) {
    this.method = incoming.method ?? 'GET';
    const url = incoming.url ?? '/';
    const query = url.indexOf('?');
    this.path = query === -1 ? url : url.slice(0, query);
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
    // Events rather than `for await`: the async iterator costs more than the rest of reading a small body.
    return new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      incoming.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > limit) {
          incoming.removeAllListeners('data');
          incoming.resume();
          reject(tooLarge());
          return;
        }
        chunks.push(chunk);
      });
      incoming.once('end', () =>
        resolve(
          chunks.length === 1
            ? (chunks[0] as Buffer).toString('utf8')
            : Buffer.concat(chunks).toString('utf8'),
        ),
      );
      incoming.once('error', reject);
    });
  }

  onClose(listener: (finished: boolean) => void): void {
    const { outgoing } = this;
    outgoing.once('close', () => listener(outgoing.writableFinished));
  }

  setHeader(name: string, value: string): void {
    // Node merges it with the headers the answer is written with.
    this.outgoing.setHeader(name, value);
  }

  json(status: number, body: unknown, headers: Record<string, string>): void {
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
    writeSse(this.outgoing, headers, signal, produce);
  }
}
