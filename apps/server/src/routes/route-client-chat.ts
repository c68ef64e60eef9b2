import type { CancelSignalV1 } from '@llmrouter/core';
import type { GatewayContext } from '../gateway-context';
import type { ParsedChatRequest } from '../openai/parse-chat-request';
import { type RoutedChat, routeChat, stripModelPrefixes } from '../runtime/chat-pipeline';

/** Routes a client's chat request (HTTP or WebSocket): own prefixes out of the history, decision counted. */
export async function routeClientChat(
  gateway: GatewayContext,
  parsed: ParsedChatRequest,
  headers: Record<string, string>,
  signal: CancelSignalV1,
): Promise<RoutedChat> {
  const request = gateway.showModelPrefix
    ? stripModelPrefixes(parsed.request, gateway.modelNames)
    : parsed.request;
  const routed = await routeChat(gateway.runtime, {
    model: parsed.model,
    request,
    headers,
    metadata: parsed.metadata,
    signal,
  });
  gateway.metrics.routes.inc([routed.decision.strategy, routed.decision.model]);
  return routed;
}
