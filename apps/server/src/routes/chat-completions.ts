import { computeCost, type StreamPartV1, type UsageV1 } from '@llmrouter/core';
import { toLLMRouterError } from '@llmrouter/errors';
import { Hono } from 'hono';
import type { GatewayContext, GatewayEnv, RequestRecord } from '../gateway-context';
import { writeRecord } from '../gateway-context';
import { exchangeOf, honoAnswer } from '../http/hono-exchange';
import type { HttpExchange } from '../http/http-exchange';
import { recordUsage } from '../metrics/gateway-metrics';
import { httpStatus } from '../openai/error-status';
import { ChunkWriter } from '../openai/format-chat-chunk';
import { completionId, formatChatCompletion } from '../openai/format-chat-completion';
import { openAIErrorBody } from '../openai/openai-error';
import { parseChatRequest } from '../openai/parse-chat-request';
import { generateChat, type RoutedChat, startChatStream } from '../runtime/chat-pipeline';
import { readJsonBody } from './read-json-body';
import { requestSignal } from './request-signal';
import { routeClientChat } from './route-client-chat';

/** Reasons already encoded: most come from a handful of fixed texts, and encoding one costs more than the lookup. */
const encodedReasons = new Map<string, string>();

/** A routing reason as a header value: those must be single-line Latin-1, and reasons are free text. */
function reasonHeader(reason: string): string {
  let encoded = encodedReasons.get(reason);
  if (encoded === undefined) {
    encoded = encodeURIComponent(reason).slice(0, 512);
    // Free-text reasons (an LLM router's) would grow the map without end; starting over bounds it.
    if (encodedReasons.size >= 256) encodedReasons.clear();
    encodedReasons.set(reason, encoded);
  }
  return encoded;
}

/**
 * The headers naming the route, in a new object the caller adds to. Built by assignment: on Node 20 copying
 * an object of this size with `...` takes about 1.5 µs, and an answer's headers used to be copied three times.
 */
function routeHeaders(
  routed: RoutedChat,
  model: { name: string; provider: { id: string }; region?: string },
): Record<string, string> {
  const headers: Record<string, string> = {
    'x-llmrouter-model': model.name,
    'x-llmrouter-provider': model.provider.id,
    'x-llmrouter-strategy': routed.decision.strategy,
    'x-llmrouter-reason': reasonHeader(routed.decision.reason),
  };
  if (routed.decision.model !== model.name) headers['x-llmrouter-fallback-from'] = routed.decision.model;
  if (routed.tier !== undefined) headers['x-llmrouter-tier'] = routed.tier;
  return headers;
}

/** `POST /v1/chat/completions` as a Hono route; on Node the gateway's own listener calls serveChatCompletion first. */
export function chatCompletionsRoute(gateway: GatewayContext) {
  const app = new Hono<GatewayEnv>();
  app.post('/chat/completions', async (c) => {
    const exchange = exchangeOf(c);
    await serveChatCompletion(gateway, exchange, c.get('record'));
    return honoAnswer(exchange);
  });
  return app;
}

/**
 * Answers one chat completion request: JSON, or SSE when `stream` is set. Errors before the answer has
 * begun are thrown (the caller answers them as OpenAI errors); errors once streaming has begun travel as
 * an SSE error event.
 */
export async function serveChatCompletion(
  gateway: GatewayContext,
  exchange: HttpExchange,
  record: RequestRecord,
): Promise<void> {
  const { runtime, metrics } = gateway;
  const parsed = parseChatRequest(
    await readJsonBody(exchange, runtime.loaded.config.server.limits.max_body_bytes),
  );
  record.stream = parsed.stream;
  const signal = requestSignal(exchange, runtime.loaded.config.server.limits.request_timeout_ms);
  const routed = await routeClientChat(gateway, parsed, exchange.routingHeaders(), signal);
  record.strategy = routed.decision.strategy;
  record.reason = routed.decision.reason;

  if (!parsed.stream) {
    const upstreamStarted = performance.now();
    const { model, result } = await generateChat(runtime, routed, signal);
    const upstreamMs = performance.now() - upstreamStarted;
    const cost = computeCost(result.usage, model.prices);
    const text = gateway.showModelPrefix && result.text ? `[${model.name}] ${result.text}` : result.text;
    const body = formatChatCompletion(result, model.name, completionId(), text);
    const headers = routeHeaders(routed, model);
    if (cost !== undefined) headers['x-llmrouter-cost'] = cost.total.toFixed(8);
    const overheadMs = performance.now() - record.startedAt - upstreamMs;
    headers['x-llmrouter-overhead-ms'] = overheadMs.toFixed(3);
    exchange.json(200, body, headers);
    // The bookkeeping waits until the answer is on its way: the client need not wait for it.
    recordUsage(metrics, model.name, result.usage, cost?.total);
    setUsage(record, result.usage);
    record.model = model.name;
    record.provider = model.provider.id;
    record.region = regionOf(result.providerMetadata) ?? model.region;
    record.costUsd = cost?.total;
    record.overheadMs = overheadMs;
    return;
  }

  const upstreamStarted = performance.now();
  const started = await startChatStream(runtime, routed, signal);
  const upstreamMs = performance.now() - upstreamStarted;
  const { model } = started;
  record.overheadMs = performance.now() - record.startedAt - upstreamMs;
  record.model = model.name;
  record.provider = model.provider.id;
  record.region = model.region;
  record.deferred = true;
  const headers = routeHeaders(routed, model);
  headers['x-llmrouter-overhead-ms'] = record.overheadMs.toFixed(3);
  headers['x-accel-buffering'] = 'no';

  exchange.sse(headers, signal, async (sse) => {
    const writer = new ChunkWriter(completionId(), model.name);
    let prefixPending = gateway.showModelPrefix;
    let firstContentAt: number | undefined;
    const write = (data: string) => sse.send(data);
    // Returns a promise only when the client is behind (see SseSink.send); the caller waits for it then.
    const handle = (part: StreamPartV1): Promise<void> | undefined => {
      if (part.type === 'start') return undefined;
      if (firstContentAt === undefined && part.type !== 'finish') {
        firstContentAt = performance.now();
        record.timeToFirstTokenMs = firstContentAt - record.startedAt;
        metrics.timeToFirstToken.observe([model.name], record.timeToFirstTokenMs / 1000);
      }
      if (part.type === 'text-delta') {
        const text = prefixPending ? `[${model.name}] ${part.text}` : part.text;
        prefixPending = false;
        return text ? write(writer.content(text)) : undefined;
      }
      if (part.type === 'reasoning-delta') return write(writer.delta({ reasoning_content: part.text }));
      if (part.type === 'tool-call-delta') {
        return write(
          writer.delta({
            tool_calls: [
              {
                index: part.index,
                ...(part.id === undefined ? {} : { id: part.id, type: 'function' as const }),
                function: {
                  ...(part.name === undefined ? {} : { name: part.name }),
                  arguments: part.argumentsDelta,
                },
              },
            ],
          }),
        );
      }
      if (part.type === 'finish') {
        const cost = computeCost(part.usage, model.prices);
        recordUsage(metrics, model.name, part.usage, cost?.total);
        setUsage(record, part.usage);
        record.costUsd = cost?.total;
        if (parsed.includeUsage) {
          write(writer.finish(part.finishReason));
          write(writer.usage(part.usage));
        } else {
          write(writer.finish(part.finishReason, part.usage));
        }
        // The events queue in order; waiting for the last covers the ones before it.
        return write('[DONE]');
      }
      return undefined;
    };
    try {
      await write(writer.delta({ role: 'assistant', content: '' }));
      for (const part of started.buffered) await handle(part);
      // The first content leaves now, not after the rest of what the upstream's first read carried.
      sse.flush();
      while (true) {
        const next = await started.rest.next();
        if (next.done) break;
        const behind = handle(next.value);
        if (behind) await behind;
      }
      record.status = 200;
    } catch (caught) {
      // Headers are gone: the error travels as an SSE error event, then the stream ends.
      const error = toLLMRouterError(signal.reason ?? caught, {
        code: 'provider_stream_interrupted',
      });
      record.status = httpStatus(error.code);
      record.errorCode = error.code;
      metrics.upstreamErrors.inc([model.name, error.code]);
      if (!sse.closed) await sse.send(JSON.stringify(openAIErrorBody(error)), 'error');
    } finally {
      started.release();
      await started.rest.return?.().catch(() => undefined);
      writeRecord(gateway, record);
    }
  });
}

function setUsage(record: RequestRecord, usage: UsageV1): void {
  record.inputTokens = usage.inputTokens;
  record.outputTokens = usage.outputTokens;
  record.cacheReadTokens = usage.cacheReadTokens;
  record.cacheWriteTokens = usage.cacheWriteTokens;
}

function regionOf(metadata: Record<string, Record<string, unknown>>): string | undefined {
  for (const facts of Object.values(metadata)) if (typeof facts.region === 'string') return facts.region;
  return undefined;
}
