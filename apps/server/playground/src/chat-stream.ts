import { errorFromResponse, errorFromText, GatewayError, gatewayFetch } from './gateway-client';
import type { ChatUsage } from './model-catalog';
import { readServerSentEvents } from './read-server-sent-events';

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface ChatSettings {
  model: string;
  messages: ChatMessage[];
  temperature?: number;
  maxTokens?: number;
}

/** What the gateway's response headers say about the routing decision. */
export interface RouteInfo {
  model: string;
  provider: string;
  strategy: string;
  reason: string;
  fallbackFrom?: string;
  requestId?: string;
}

export interface ChatOutcome {
  text: string;
  usage?: ChatUsage;
  finishReason?: string;
  latencyMs: number;
  timeToFirstTokenMs?: number;
}

export interface ChatStreamHandlers {
  onRoute(route: RouteInfo): void;
  onText(textSoFar: string): void;
}

interface ChunkBody {
  choices?: Array<{ delta?: { content?: string | null }; finish_reason?: string | null }>;
  usage?: ChatUsage | null;
}

function decodeReason(value: string | null): string {
  if (!value) return '';
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

function routeFrom(headers: Headers, requested: string): RouteInfo {
  const fallbackFrom = headers.get('x-llmrouter-fallback-from');
  const requestId = headers.get('x-request-id');
  return {
    model: headers.get('x-llmrouter-model') ?? requested,
    provider: headers.get('x-llmrouter-provider') ?? '',
    strategy: headers.get('x-llmrouter-strategy') ?? '',
    reason: decodeReason(headers.get('x-llmrouter-reason')),
    ...(fallbackFrom ? { fallbackFrom } : {}),
    ...(requestId ? { requestId } : {}),
  };
}

/**
 * One streamed answer from `POST /v1/chat/completions`. Throws a GatewayError for an error answer and for
 * an `event: error` frame after the stream began (the text so far has been passed to `onText`).
 */
export async function streamChat(
  settings: ChatSettings,
  handlers: ChatStreamHandlers,
  signal?: AbortSignal,
): Promise<ChatOutcome> {
  const started = performance.now();
  const response = await gatewayFetch('/v1/chat/completions', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
    body: JSON.stringify({
      model: settings.model,
      messages: settings.messages,
      stream: true,
      stream_options: { include_usage: true },
      ...(settings.temperature === undefined ? {} : { temperature: settings.temperature }),
      ...(settings.maxTokens === undefined ? {} : { max_tokens: settings.maxTokens }),
    }),
    ...(signal ? { signal } : {}),
  });
  if (!response.ok || !response.body) throw await errorFromResponse(response);
  handlers.onRoute(routeFrom(response.headers, settings.model));

  const outcome: Omit<ChatOutcome, 'latencyMs'> = { text: '' };
  let sawDone = false;
  for await (const event of readServerSentEvents(response.body)) {
    if (event.event === 'error') throw errorFromText(event.data);
    if (event.data === '[DONE]') {
      sawDone = true;
      break;
    }
    const chunk = JSON.parse(event.data) as ChunkBody;
    if (chunk.usage) outcome.usage = chunk.usage;
    const choice = chunk.choices?.[0];
    if (choice?.finish_reason) outcome.finishReason = choice.finish_reason;
    const content = choice?.delta?.content;
    if (content) {
      outcome.timeToFirstTokenMs ??= performance.now() - started;
      outcome.text += content;
      handlers.onText(outcome.text);
    }
  }
  if (!sawDone) {
    throw new GatewayError({
      message: 'The stream ended before the answer was complete.',
      code: 'stream_incomplete',
      hint: 'The gateway or the network closed the connection; send the message again.',
    });
  }
  return { ...outcome, latencyMs: performance.now() - started };
}
