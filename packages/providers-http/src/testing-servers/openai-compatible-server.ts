import type { ServerResponse } from 'node:http';
import { answerTokens, countTokens, fixtureVector, fragments, toolArguments } from './fixture-answers';
import { type LoopbackServer, type RecordedRequest, sendJson, sleep, startLoopback } from './loopback';

/** A scripted answer, used before the normal behaviour (to count retries, say). */
export interface ScriptedResponse {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
  /** Raw server-sent-event text, written piece by piece instead of a JSON body. */
  sse?: string[];
}

/** Writes a scripted answer. */
export async function sendScripted(response: ServerResponse, scripted: ScriptedResponse): Promise<void> {
  if (scripted.sse === undefined) return sendJson(response, scripted.status, scripted.body, scripted.headers);
  response.writeHead(scripted.status, { 'content-type': 'text/event-stream', ...scripted.headers });
  for (const piece of scripted.sse) {
    response.write(piece);
    await sleep(1);
  }
  response.end();
}

export interface OpenAIServerOptions {
  /** Paths answered as chat completions. Default ['/v1/chat/completions']. */
  chatPaths?: string[];
  /** When set, requests must carry `Authorization: Bearer <one of these>` (or x-api-key). */
  keys?: string[];
  /** Milliseconds between streamed chunks for the model `slow-model`. Default 100. */
  slowDelayMs?: number;
}

export interface OpenAIServer extends LoopbackServer {
  script: ScriptedResponse[];
}

export const OPENAI_MODELS = ['test-model', 'slow-model', 'cached-model', 'text-embedding-3-small'];

interface Body {
  model?: string;
  messages?: Array<{ role?: string; content?: unknown }>;
  max_tokens?: number;
  max_completion_tokens?: number;
  stream?: boolean;
  stream_options?: { include_usage?: boolean };
  tools?: Array<{ function?: { name?: string; parameters?: unknown } }>;
  tool_choice?: unknown;
  input?: string | string[];
  dimensions?: number;
}

/**
 * A loopback OpenAI-compatible server answering in the documented `chat.completion`,
 * `chat.completion.chunk` and embeddings shapes. The model id selects faults: `status-<code>`,
 * `status-400-context`, `malformed-json`, `slow-headers`, `cut-stream`, `eof-stream`, `stall`,
 * `stream-error`, `unknown-*` (404).
 */
export async function startOpenAIServer(options: OpenAIServerOptions = {}): Promise<OpenAIServer> {
  const chatPaths = options.chatPaths ?? ['/v1/chat/completions'];
  const script: ScriptedResponse[] = [];
  const server = await startLoopback(async (request, response) => {
    const next = script.shift();
    if (next) return sendScripted(response, next);
    if (options.keys && !authorized(request, options.keys)) {
      return sendJson(response, 401, {
        error: {
          message: 'Incorrect API key provided.',
          type: 'invalid_request_error',
          code: 'invalid_api_key',
        },
      });
    }
    const path = request.path.split('?')[0] ?? '';
    if (request.method === 'GET' && path.endsWith('/models')) {
      return sendJson(response, 200, {
        object: 'list',
        data: OPENAI_MODELS.map((id) => ({
          id,
          object: 'model',
          created: 1_700_000_000,
          owned_by: 'loopback',
        })),
      });
    }
    if (request.method === 'POST' && path.endsWith('/embeddings'))
      return embeddings(request.body as Body, response);
    if (request.method === 'POST' && chatPaths.includes(path)) {
      return chat(request.body as Body, response, options.slowDelayMs ?? 100);
    }
    sendJson(response, 404, {
      error: { message: `No route ${request.method} ${path}`, type: 'invalid_request_error' },
    });
  });
  return Object.assign(server, { script });
}

function authorized(request: RecordedRequest, keys: string[]): boolean {
  const bearer = request.headers.authorization?.replace(/^Bearer\s+/i, '');
  const apiKey = request.headers['x-api-key'];
  return keys.some((key) => key === bearer || key === apiKey);
}

function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .map((part) => ((part as { type?: string }).type === 'text' ? (part as { text: string }).text : ''))
    .join(' ');
}

async function chat(body: Body, response: ServerResponse, slowDelayMs: number): Promise<void> {
  const model = body.model ?? '';
  const status = /^status-(\d{3})/.exec(model);
  if (status) return errorAnswer(Number(status[1]), model, response);
  if (model.startsWith('unknown')) {
    return sendJson(response, 404, {
      error: {
        message: `The model \`${model}\` does not exist or you do not have access to it.`,
        type: 'invalid_request_error',
        param: null,
        code: 'model_not_found',
      },
    });
  }
  if (model === 'slow-headers') {
    await sleep(3_000);
    if (response.destroyed) return;
  }
  if (model === 'malformed-json') {
    response.writeHead(200, { 'content-type': 'application/json' });
    return void response.end('{"id": "chatcmpl-broken", "choices": [');
  }
  const messages = body.messages ?? [];
  const prompt = textOf([...messages].reverse().find((message) => message.role === 'user')?.content);
  const promptTokens = countTokens(messages.map((message) => textOf(message.content)));
  const cached = model === 'cached-model' ? Math.min(promptTokens, 3) : 0;
  const maxTokens = body.max_completion_tokens ?? body.max_tokens ?? Number.POSITIVE_INFINITY;
  const forced = forcedTool(body);
  const all = answerTokens(prompt);
  const tokens = all.slice(0, maxTokens);
  const finishReason = forced ? 'tool_calls' : tokens.length < all.length ? 'length' : 'stop';
  const id = `chatcmpl-${promptTokens}${tokens.length}`;
  const call = forced && {
    id: `call_${forced.name}_1`,
    name: forced.name,
    arguments: JSON.stringify(toolArguments(forced.parameters, prompt)),
  };
  const outputTokens = call ? Math.max(1, Math.ceil(call.arguments.length / 4)) : tokens.length;
  const usage = {
    prompt_tokens: promptTokens,
    completion_tokens: outputTokens,
    total_tokens: promptTokens + outputTokens,
    prompt_tokens_details: { cached_tokens: cached },
    completion_tokens_details: { reasoning_tokens: 0 },
  };
  const base = { id, created: 1_700_000_000, model, system_fingerprint: 'fp_loopback' };
  if (!body.stream) {
    return sendJson(response, 200, {
      ...base,
      object: 'chat.completion',
      choices: [
        {
          index: 0,
          message: call
            ? {
                role: 'assistant',
                content: null,
                tool_calls: [
                  { id: call.id, type: 'function', function: { name: call.name, arguments: call.arguments } },
                ],
              }
            : { role: 'assistant', content: tokens.join(''), refusal: null },
          logprobs: null,
          finish_reason: finishReason,
        },
      ],
      usage,
    });
  }
  response.writeHead(200, {
    'content-type': 'text/event-stream',
    'cache-control': 'no-cache',
    'x-request-id': id,
  });
  const send = (chunk: unknown): boolean => response.write(`data: ${JSON.stringify(chunk)}\n\n`);
  const delta = (value: unknown, finish: string | null = null) =>
    send({
      ...base,
      object: 'chat.completion.chunk',
      choices: [{ index: 0, delta: value, logprobs: null, finish_reason: finish }],
    });
  delta({ role: 'assistant', content: '' });
  if (model === 'stall') return; // headers and one chunk, then silence
  if (call) {
    delta({
      tool_calls: [{ index: 0, id: call.id, type: 'function', function: { name: call.name, arguments: '' } }],
    });
    for (const piece of fragments(call.arguments, 5))
      delta({ tool_calls: [{ index: 0, function: { arguments: piece } }] });
  } else {
    for (const [index, token] of tokens.entries()) {
      if (model === 'slow-model') await sleep(slowDelayMs);
      if (response.destroyed) return;
      delta({ content: token });
      if (model === 'cut-stream' && index === 2) return void setTimeout(() => response.destroy(), 50);
      if (model === 'stream-error' && index === 1) {
        send({
          error: { message: 'The server had an error while processing your request.', type: 'server_error' },
        });
        return void response.end();
      }
    }
  }
  if (model === 'eof-stream') return void response.end(); // a clean EOF, but no finish_reason and no [DONE]
  delta({}, finishReason);
  if (body.stream_options?.include_usage)
    send({ ...base, object: 'chat.completion.chunk', choices: [], usage });
  response.end('data: [DONE]\n\n');
}

function forcedTool(body: Body): { name: string; parameters: unknown } | undefined {
  const choice = body.tool_choice as { function?: { name?: string } } | string | undefined;
  const tools = body.tools ?? [];
  const name =
    typeof choice === 'object'
      ? choice.function?.name
      : choice === 'required'
        ? tools[0]?.function?.name
        : undefined;
  const tool = tools.find((item) => item.function?.name === name);
  return name && tool ? { name, parameters: tool.function?.parameters } : undefined;
}

function errorAnswer(status: number, model: string, response: ServerResponse): void {
  if (model === 'status-400-context') {
    sendJson(response, 400, {
      error: {
        message:
          "This model's maximum context length is 8192 tokens. However, your messages resulted in 9000 tokens.",
        type: 'invalid_request_error',
        param: 'messages',
        code: 'context_length_exceeded',
      },
    });
    return;
  }
  const headers: Record<string, string> = status === 429 ? { 'retry-after': '1' } : {};
  const type =
    status === 429 ? 'rate_limit_exceeded' : status >= 500 ? 'server_error' : 'invalid_request_error';
  sendJson(
    response,
    status,
    { error: { message: `Loopback fault ${status}`, type, param: null, code: null } },
    headers,
  );
}

function embeddings(body: Body, response: ServerResponse): void {
  const inputs = typeof body.input === 'string' ? [body.input] : (body.input ?? []);
  const dimensions = body.dimensions ?? 8;
  sendJson(response, 200, {
    object: 'list',
    data: inputs.map((text, index) => ({
      object: 'embedding',
      index,
      embedding: fixtureVector(text, dimensions),
    })),
    model: body.model,
    usage: { prompt_tokens: countTokens(inputs), total_tokens: countTokens(inputs) },
  });
}
