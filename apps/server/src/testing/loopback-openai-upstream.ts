import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A small OpenAI-compatible upstream on loopback for the gateway's tests and benchmark: deterministic
 * answers, SSE streaming with an optional pace, embeddings, and a record of what it saw (including
 * clients that hung up mid-stream).
 */
export interface LoopbackUpstreamOptions {
  /** Delay between streamed chunks. */
  chunkDelayMs?: number;
  /** Words in each answer. */
  answerWords?: number;
  /** Answer every chat request with this HTTP status and an OpenAI error body. */
  failWithStatus?: number;
  /** How many of the latest requests `requests` keeps (default 1000), so a benchmark's upstream stays small. */
  keepRequests?: number;
}

export interface LoopbackUpstream {
  url: string;
  requests: Array<{ path: string; body: Record<string, unknown>; headers: IncomingMessage['headers'] }>;
  /** Streams whose client disconnected before the answer finished. */
  abortedStreams: number;
  options: LoopbackUpstreamOptions;
  close(): Promise<void>;
}

const WORDS = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf', 'hotel', 'india', 'juliet'];

function answerFor(body: Record<string, unknown>, words: number): string[] {
  const messages = Array.isArray(body.messages) ? (body.messages as Array<{ content?: unknown }>) : [];
  const last = JSON.stringify(messages.at(-1)?.content ?? '');
  let seed = 0;
  for (const character of last) seed = (seed * 31 + character.charCodeAt(0)) >>> 0;
  return Array.from({ length: words }, (_, index) => WORDS[(seed + index * 7) % WORDS.length] ?? 'x');
}

async function readBody(request: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
}

export async function startLoopbackUpstream(
  options: LoopbackUpstreamOptions = {},
): Promise<LoopbackUpstream> {
  const upstream: LoopbackUpstream = {
    url: '',
    requests: [],
    abortedStreams: 0,
    options,
    close: async () => {},
  };
  const server: Server = createServer((request, response) => {
    void handle(request, response).catch(() => response.destroy());
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    const body = request.method === 'POST' ? await readBody(request) : {};
    const { requests } = upstream;
    requests.push({ path, body, headers: request.headers });
    const excess = requests.length - (options.keepRequests ?? 1000);
    if (excess > 0) requests.splice(0, excess);
    const json = (status: number, value: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(value));
    };
    if (path.endsWith('/models'))
      return json(200, { object: 'list', data: [{ id: 'loopback-model', object: 'model' }] });
    if (path.endsWith('/embeddings')) {
      const inputs = Array.isArray(body.input) ? body.input : [body.input];
      return json(200, {
        object: 'list',
        data: inputs.map((input, index) => ({
          object: 'embedding',
          index,
          embedding: Array.from({ length: 8 }, (_, position) => ((String(input).length + position) % 5) / 5),
        })),
        model: body.model,
        usage: { prompt_tokens: inputs.length * 3, total_tokens: inputs.length * 3 },
      });
    }
    if (!path.endsWith('/chat/completions'))
      return json(404, { error: { message: 'not found', type: 'invalid_request_error' } });
    if (options.failWithStatus) {
      return json(options.failWithStatus, {
        error: { message: `failing with ${options.failWithStatus}`, type: 'server_error' },
      });
    }

    const maxTokens = typeof body.max_tokens === 'number' ? body.max_tokens : Number.POSITIVE_INFINITY;
    const all = answerFor(body, options.answerWords ?? 12);
    const words = all.slice(0, Math.min(all.length, maxTokens));
    const finish = words.length < all.length ? 'length' : 'stop';
    const usage = { prompt_tokens: 10, completion_tokens: words.length, total_tokens: 10 + words.length };
    const base = { id: 'chatcmpl-loopback', created: 1_700_000_000, model: body.model };
    if (body.stream !== true) {
      return json(200, {
        ...base,
        object: 'chat.completion',
        choices: [
          { index: 0, message: { role: 'assistant', content: words.join(' ') }, finish_reason: finish },
        ],
        usage,
      });
    }
    response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    let finished = false;
    response.on('close', () => {
      if (!finished) upstream.abortedStreams += 1;
    });
    const send = (value: unknown) => response.write(`data: ${JSON.stringify(value)}\n\n`);
    const chunk = (delta: unknown, finishReason: string | null) => ({
      ...base,
      object: 'chat.completion.chunk',
      choices: [{ index: 0, delta, finish_reason: finishReason }],
    });
    send(chunk({ role: 'assistant', content: '' }, null));
    for (const [index, word] of words.entries()) {
      if (response.destroyed) return;
      if (options.chunkDelayMs) await new Promise((resolve) => setTimeout(resolve, options.chunkDelayMs));
      send(chunk({ content: index === 0 ? word : ` ${word}` }, null));
    }
    send(chunk({}, finish));
    const streamOptions = body.stream_options as { include_usage?: boolean } | undefined;
    if (streamOptions?.include_usage) send({ ...base, object: 'chat.completion.chunk', choices: [], usage });
    finished = true;
    response.end('data: [DONE]\n\n');
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  upstream.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  upstream.close = () =>
    new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return upstream;
}
