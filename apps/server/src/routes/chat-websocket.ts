import { computeCost } from '@llmrouter/core';
import { LLMRouterError, toLLMRouterError } from '@llmrouter/errors';
import type { WebSocket } from 'ws';
import type { GatewayContext } from '../gateway-context';
import { newRecord, writeRecord } from '../gateway-context';
import { recordUsage } from '../metrics/gateway-metrics';
import { httpStatus } from '../openai/error-status';
import { parseChatRequest } from '../openai/parse-chat-request';
import { startChatStream } from '../runtime/chat-pipeline';
import { routeClientChat } from './route-client-chat';

/**
 * `GET /v1/chat/ws`. The client sends one JSON request per message — the seed's short form
 * `{"model", "message"}` or any OpenAI chat body — with an optional `id`. The server answers with
 * `start`, `delta` (`content`), `tool_call`, and ends every request with `done: true` (`type: "done"`
 * or `type: "error"`). Several requests may share a socket; frames carry the request's `id`.
 */
export function handleChatWebSocket(
  gateway: GatewayContext,
  socket: WebSocket,
  headers: Record<string, string>,
): void {
  const running = new Set<AbortController>();
  socket.on('close', () => {
    for (const controller of running) controller.abort();
  });
  socket.on('message', (data) => {
    const controller = new AbortController();
    running.add(controller);
    void answer(gateway, socket, data.toString(), headers, controller.signal).finally(() =>
      running.delete(controller),
    );
  });
}

function send(socket: WebSocket, frame: Record<string, unknown>): void {
  if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(frame));
}

function toChatBody(frame: Record<string, unknown>): Record<string, unknown> {
  if (Array.isArray(frame.messages)) return frame;
  const { message, system, ...rest } = frame;
  if (typeof message !== 'string') {
    throw new LLMRouterError({
      code: 'request_invalid',
      message: 'A WebSocket request needs "message" (text) or "messages" (OpenAI messages).',
      hint: 'Send {"model": "auto", "message": "Hello"}.',
    });
  }
  const messages = [
    ...(typeof system === 'string' ? [{ role: 'system', content: system }] : []),
    { role: 'user', content: message },
  ];
  return { ...rest, messages };
}

async function answer(
  gateway: GatewayContext,
  socket: WebSocket,
  text: string,
  headers: Record<string, string>,
  signal: AbortSignal,
): Promise<void> {
  const record = newRecord(crypto.randomUUID(), 'WS', '/v1/chat/ws');
  record.stream = true;
  let id: unknown = null;
  try {
    let frame: unknown;
    try {
      frame = JSON.parse(text);
    } catch {
      throw new LLMRouterError({
        code: 'request_invalid',
        message: 'The WebSocket message is not JSON.',
        hint: 'Send {"model": "auto", "message": "Hello"}.',
      });
    }
    if (frame === null || typeof frame !== 'object' || Array.isArray(frame)) {
      throw new LLMRouterError({
        code: 'request_invalid',
        message: 'The WebSocket message must be a JSON object.',
        hint: 'Send {"model": "auto", "message": "Hello"}.',
      });
    }
    id = (frame as Record<string, unknown>).id ?? null;
    const parsed = parseChatRequest(toChatBody(frame as Record<string, unknown>));
    const { runtime } = gateway;
    const routed = await routeClientChat(gateway, parsed, headers, signal);
    const started = await startChatStream(runtime, routed, signal);
    const { model } = started;
    Object.assign(record, {
      model: model.name,
      provider: model.provider.id,
      region: model.region,
      strategy: routed.decision.strategy,
    });
    send(socket, {
      type: 'start',
      id,
      model: model.name,
      provider: model.provider.id,
      strategy: routed.decision.strategy,
      reason: routed.decision.reason,
    });
    let prefixPending = gateway.showModelPrefix;
    try {
      const parts = [...started.buffered];
      while (true) {
        const part = parts.shift() ?? (await started.rest.next()).value;
        if (!part) break;
        if (part.type === 'text-delta') {
          send(socket, {
            type: 'delta',
            id,
            content: prefixPending ? `[${model.name}] ${part.text}` : part.text,
          });
          prefixPending = false;
        } else if (part.type === 'tool-call-delta') {
          send(socket, {
            type: 'tool_call',
            id,
            index: part.index,
            tool_call_id: part.id,
            name: part.name,
            arguments: part.argumentsDelta,
          });
        } else if (part.type === 'finish') {
          const cost = computeCost(part.usage, model.prices);
          recordUsage(gateway.metrics, model.name, part.usage, cost?.total);
          Object.assign(record, {
            inputTokens: part.usage.inputTokens,
            outputTokens: part.usage.outputTokens,
            costUsd: cost?.total,
            status: 200,
          });
          send(socket, {
            type: 'done',
            id,
            done: true,
            model: model.name,
            finish_reason: part.finishReason,
            usage: part.usage,
            cost_usd: cost?.total ?? null,
            latency_ms: Math.round(performance.now() - record.startedAt),
          });
          break;
        }
      }
    } finally {
      started.release();
      await started.rest.return?.().catch(() => undefined);
    }
  } catch (caught) {
    const error = toLLMRouterError(caught, { code: 'internal' });
    Object.assign(record, { status: httpStatus(error.code), errorCode: error.code });
    send(socket, {
      type: 'error',
      id,
      done: true,
      error: { message: error.message, code: error.code, hint: error.hint },
    });
  } finally {
    writeRecord(gateway, record);
  }
}
