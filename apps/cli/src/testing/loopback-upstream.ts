import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the test upstream answers: the model name and the text of the last user message in, text out. */
export type ReplyFunction = (model: string, prompt: string) => string | { status: number; message: string };

export interface SeenRequest {
  model: string;
  messages: Array<{ role: string; content: unknown }>;
  stream: boolean;
}

export interface TestUpstream {
  url: string;
  requests: SeenRequest[];
  reply: ReplyFunction;
  /** Pause between streamed words, so a test can interrupt an answer mid-stream. */
  chunkDelayMs: number;
  close(): Promise<void>;
}

function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) return content.map((part) => (part as { text?: string }).text ?? '').join('');
  return '';
}

/** A loopback OpenAI-compatible chat upstream (JSON and SSE) whose answers each test decides. */
export async function startTestUpstream(
  reply: ReplyFunction = () => 'hello from the loopback upstream',
): Promise<TestUpstream> {
  const upstream: TestUpstream = { url: '', requests: [], reply, chunkDelayMs: 0, close: async () => {} };
  const server = createServer(async (request: IncomingMessage, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as {
      model?: string;
      messages?: Array<{ role: string; content: unknown }>;
      stream?: boolean;
    };
    if (!request.url?.endsWith('/chat/completions')) {
      response
        .writeHead(404, { 'content-type': 'application/json' })
        .end('{"error":{"message":"not found"}}');
      return;
    }
    const model = body.model ?? '';
    const messages = body.messages ?? [];
    upstream.requests.push({ model, messages, stream: body.stream === true });
    const prompt = textOf([...messages].reverse().find((message) => message.role === 'user')?.content);
    const answer = upstream.reply(model, prompt);
    if (typeof answer !== 'string') {
      response.writeHead(answer.status, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ error: { message: answer.message, type: 'server_error', code: null } }));
      return;
    }
    const usage = {
      prompt_tokens: prompt.split(/\s+/).length,
      completion_tokens: answer.split(/\s+/).length,
      total_tokens: 0,
    };
    usage.total_tokens = usage.prompt_tokens + usage.completion_tokens;
    const id = `chatcmpl-${upstream.requests.length}`;
    if (body.stream !== true) {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(
        JSON.stringify({
          id,
          object: 'chat.completion',
          created: 1,
          model,
          choices: [{ index: 0, message: { role: 'assistant', content: answer }, finish_reason: 'stop' }],
          usage,
        }),
      );
      return;
    }
    response.writeHead(200, { 'content-type': 'text/event-stream' });
    const send = (payload: unknown) => response.write(`data: ${JSON.stringify(payload)}\n\n`);
    const base = { id, object: 'chat.completion.chunk', created: 1, model };
    send({
      ...base,
      choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }],
    });
    for (const piece of answer.match(/\S+\s*/g) ?? []) {
      if (response.destroyed) return;
      send({ ...base, choices: [{ index: 0, delta: { content: piece }, finish_reason: null }] });
      if (upstream.chunkDelayMs > 0) await new Promise((wait) => setTimeout(wait, upstream.chunkDelayMs));
    }
    send({ ...base, choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] });
    send({ ...base, choices: [], usage });
    response.end('data: [DONE]\n\n');
  });
  await new Promise<void>((resolveListen) => server.listen(0, '127.0.0.1', resolveListen));
  upstream.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  upstream.close = () =>
    new Promise<void>((resolveClose) => {
      server.closeAllConnections();
      server.close(() => resolveClose());
    });
  return upstream;
}
