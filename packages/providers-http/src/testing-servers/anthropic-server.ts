import type { ServerResponse } from 'node:http';
import { answerTokens, countTokens, fragments, toolArguments } from './fixture-answers';
import { type LoopbackServer, sendJson, sleep, startLoopback } from './loopback';
import { type ScriptedResponse, sendScripted } from './openai-compatible-server';

export interface AnthropicServerOptions {
  /** Accepted `x-api-key` values (or bearer tokens). Default: any non-empty key. */
  keys?: string[];
  slowDelayMs?: number;
}

export interface AnthropicServer extends LoopbackServer {
  script: ScriptedResponse[];
}

interface Body {
  model?: string;
  max_tokens?: number;
  system?: unknown;
  messages?: Array<{ role?: string; content?: unknown }>;
  tools?: Array<{ name?: string; input_schema?: unknown }>;
  tool_choice?: { type?: string; name?: string };
  stream?: boolean;
}

/**
 * A loopback Anthropic Messages server, answering in the documented `message` and streaming-event
 * shapes. Model ids select behaviour: `slow-model`, `cached-model`, `thinking-model`, `cut-stream`,
 * `stream-error`, `status-<code>`, `unknown-*` (404).
 */
export async function startAnthropicServer(options: AnthropicServerOptions = {}): Promise<AnthropicServer> {
  const script: ScriptedResponse[] = [];
  const server = await startLoopback(async (request, response) => {
    const next = script.shift();
    if (next) return sendScripted(response, next);
    const key = request.headers['x-api-key'] ?? request.headers.authorization?.replace(/^Bearer\s+/i, '');
    if (typeof key !== 'string' || key === '' || (options.keys && !options.keys.includes(key))) {
      return error(response, 401, 'authentication_error', 'invalid x-api-key');
    }
    if (request.headers['anthropic-version'] === undefined) {
      return error(response, 400, 'invalid_request_error', 'anthropic-version: header is required');
    }
    if (request.method === 'GET' && request.path.startsWith('/v1/models')) {
      return sendJson(response, 200, {
        data: ['claude-test', 'slow-model', 'cached-model'].map((id) => ({
          type: 'model',
          id,
          display_name: id,
        })),
        has_more: false,
      });
    }
    if (request.method !== 'POST' || request.path !== '/v1/messages')
      return error(response, 404, 'not_found_error', 'Not found');
    await messages(request.body as Body, response, options.slowDelayMs ?? 100);
  });
  return Object.assign(server, { script });
}

function error(response: ServerResponse, status: number, type: string, message: string): void {
  sendJson(response, status, { type: 'error', error: { type, message }, request_id: 'req_loopback' });
}

function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .map((block) => ((block as { type?: string }).type === 'text' ? (block as { text: string }).text : ''))
    .join(' ');
}

async function messages(body: Body, response: ServerResponse, slowDelayMs: number): Promise<void> {
  const model = body.model ?? '';
  const status = /^status-(\d{3})/.exec(model);
  if (status) {
    const code = Number(status[1]);
    const type =
      code === 429
        ? 'rate_limit_error'
        : code === 529
          ? 'overloaded_error'
          : code >= 500
            ? 'api_error'
            : 'invalid_request_error';
    const headers = code === 429 ? { 'retry-after': '2' } : {};
    return sendJson(
      response,
      code,
      { type: 'error', error: { type, message: `Loopback fault ${code}` } },
      headers,
    );
  }
  if (model.startsWith('unknown')) return error(response, 404, 'not_found_error', `model: ${model}`);
  const turns = body.messages ?? [];
  const prompt = textOf([...turns].reverse().find((turn) => turn.role === 'user')?.content);
  const inputTokens = countTokens([textOf(body.system), ...turns.map((turn) => textOf(turn.content))]);
  const all = answerTokens(prompt);
  const tokens = all.slice(0, body.max_tokens ?? 4096);
  const forcedName =
    body.tool_choice?.type === 'tool'
      ? body.tool_choice.name
      : body.tool_choice?.type === 'any'
        ? body.tools?.[0]?.name
        : undefined;
  const tool = body.tools?.find((item) => item.name === forcedName);
  const call = tool && {
    id: 'toolu_loopback_1',
    name: tool.name ?? '',
    input: toolArguments(tool.input_schema, prompt),
  };
  const stopReason = call ? 'tool_use' : tokens.length < all.length ? 'max_tokens' : 'end_turn';
  const usage = {
    input_tokens: inputTokens,
    output_tokens: call ? 8 : tokens.length,
    cache_creation_input_tokens: model === 'cached-model' ? 2 : 0,
    cache_read_input_tokens: model === 'cached-model' ? 3 : 0,
  };
  const id = `msg_loopback_${inputTokens}_${tokens.length}`;
  const thinking = model === 'thinking-model' ? 'Let me think.' : undefined;
  if (!body.stream) {
    const content: unknown[] = [];
    if (thinking) content.push({ type: 'thinking', thinking, signature: 'sig' });
    content.push(call ? { type: 'tool_use', ...call } : { type: 'text', text: tokens.join('') });
    return sendJson(response, 200, {
      id,
      type: 'message',
      role: 'assistant',
      model,
      content,
      stop_reason: stopReason,
      stop_sequence: null,
      usage,
    });
  }
  response.writeHead(200, {
    'content-type': 'text/event-stream',
    'cache-control': 'no-cache',
    'request-id': id,
  });
  const send = (type: string, data: Record<string, unknown>): boolean =>
    response.write(`event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`);
  send('message_start', {
    message: {
      id,
      type: 'message',
      role: 'assistant',
      content: [],
      model,
      stop_reason: null,
      stop_sequence: null,
      usage: { ...usage, output_tokens: 1 },
    },
  });
  let block = 0;
  if (thinking) {
    send('content_block_start', { index: block, content_block: { type: 'thinking', thinking: '' } });
    send('content_block_delta', { index: block, delta: { type: 'thinking_delta', thinking } });
    send('content_block_delta', { index: block, delta: { type: 'signature_delta', signature: 'sig' } });
    send('content_block_stop', { index: block });
    block++;
  }
  if (call) {
    send('content_block_start', {
      index: block,
      content_block: { type: 'tool_use', id: call.id, name: call.name, input: {} },
    });
    for (const piece of fragments(JSON.stringify(call.input), 6)) {
      send('content_block_delta', { index: block, delta: { type: 'input_json_delta', partial_json: piece } });
    }
  } else {
    send('content_block_start', { index: block, content_block: { type: 'text', text: '' } });
    send('ping', {});
    for (const [index, token] of tokens.entries()) {
      if (model === 'slow-model') await sleep(slowDelayMs);
      if (response.destroyed) return;
      send('content_block_delta', { index: block, delta: { type: 'text_delta', text: token } });
      if (model === 'cut-stream' && index === 2) return void setTimeout(() => response.destroy(), 50);
      if (model === 'stream-error' && index === 1) {
        send('error', { error: { type: 'overloaded_error', message: 'Overloaded' } });
        return void response.end();
      }
    }
  }
  send('content_block_stop', { index: block });
  send('message_delta', {
    delta: { stop_reason: stopReason, stop_sequence: null },
    usage: { output_tokens: usage.output_tokens },
  });
  send('message_stop', {});
  response.end();
}
