import type { CancelSignalV1 } from '@llmrouter/core';
import type { Context } from 'hono';
import { type SSEStreamingApi, streamSSE } from 'hono/streaming';
import { CREDENTIAL_HEADERS, type HttpExchange, type SseSink } from './http-exchange';

/** An exchange on a Hono context's web Request, where there are no Node objects (`app.request`, other runtimes). */
export class WebExchange implements HttpExchange {
  /** The answer the handler returns to Hono, once one was given. */
  answer: Response | undefined;

  constructor(readonly c: Context) {}

  get method(): string {
    return this.c.req.method;
  }

  get path(): string {
    return this.c.req.path;
  }

  header(name: string): string | undefined {
    return this.c.req.header(name);
  }

  routingHeaders(): Record<string, string> {
    const record: Record<string, string> = {};
    this.c.req.raw.headers.forEach((value, name) => {
      if (!CREDENTIAL_HEADERS.has(name)) record[name] = value;
    });
    return record;
  }

  async readText(limit: number, tooLarge: () => Error): Promise<string> {
    const text = await this.c.req.text();
    if (Buffer.byteLength(text) > limit) throw tooLarge();
    return text;
  }

  onClose(listener: (finished: boolean) => void): void {
    const clientSignal = this.c.req.raw.signal;
    if (clientSignal.aborted) listener(false);
    else clientSignal.addEventListener('abort', () => listener(false), { once: true });
  }

  setHeader(name: string, value: string): void {
    this.c.header(name, value);
  }

  json(status: number, body: unknown, headers: Record<string, string>): void {
    this.answer = this.c.json(body, status as 200, headers);
  }

  sse(
    headers: Record<string, string>,
    _signal: CancelSignalV1,
    produce: (sink: SseSink) => Promise<void>,
  ): void {
    for (const name in headers) this.c.header(name, headers[name]);
    this.answer = streamSSE(this.c, (stream) => produce(new WebSseSink(stream)));
  }
}

/** A class rather than a literal with a getter, for the reason given at NodeSseSink (node-sse.ts). */
class WebSseSink implements SseSink {
  constructor(private readonly stream: SSEStreamingApi) {}

  get closed(): boolean {
    return this.stream.aborted || this.stream.closed;
  }

  send(data: string, event?: string): Promise<void> {
    return this.stream.writeSSE(event === undefined ? { data } : { event, data });
  }

  /** Every event is written as it is sent. */
  flush(): void {}
}
