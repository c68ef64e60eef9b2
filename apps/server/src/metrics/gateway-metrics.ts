import type { UsageV1 } from '@llmrouter/core';
import { Counter, Gauge, Histogram, PrometheusRegistry } from './prometheus-registry';

const SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120];

/** The series `/metrics` exposes; names follow Prometheus conventions (`_total`, `_seconds`). */
export function createGatewayMetrics() {
  const registry = new PrometheusRegistry();
  return {
    registry,
    requests: registry.register(
      new Counter('llmrouter_requests_total', 'Requests by endpoint, model, provider and status.', [
        'endpoint',
        'model',
        'provider',
        'status',
      ]),
    ),
    duration: registry.register(
      new Histogram('llmrouter_request_duration_seconds', 'Request latency by endpoint and model.', SECONDS, [
        'endpoint',
        'model',
      ]),
    ),
    timeToFirstToken: registry.register(
      new Histogram(
        'llmrouter_time_to_first_token_seconds',
        'Time to the first streamed token by model.',
        SECONDS,
        ['model'],
      ),
    ),
    overhead: registry.register(
      new Histogram(
        'llmrouter_gateway_overhead_seconds',
        'Time spent in the gateway itself, outside upstream calls.',
        [0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1],
      ),
    ),
    tokens: registry.register(
      new Counter(
        'llmrouter_tokens_total',
        'Tokens by model and type (input, output, cache_read, cache_write).',
        ['model', 'type'],
      ),
    ),
    cost: registry.register(
      new Counter('llmrouter_cost_usd_total', 'Cost in USD by model, from the configured prices.', ['model']),
    ),
    upstreamErrors: registry.register(
      new Counter('llmrouter_upstream_errors_total', 'Failed upstream calls by model and error code.', [
        'model',
        'code',
      ]),
    ),
    routes: registry.register(
      new Counter('llmrouter_route_decisions_total', 'Routing decisions by strategy and chosen model.', [
        'strategy',
        'model',
      ]),
    ),
    inFlight: registry.register(new Gauge('llmrouter_requests_in_flight', 'Requests being answered now.')),
  };
}

export type GatewayMetrics = ReturnType<typeof createGatewayMetrics>;

export function recordUsage(
  metrics: GatewayMetrics,
  model: string,
  usage: UsageV1,
  cost: number | undefined,
): void {
  metrics.tokens.inc([model, 'input'], usage.inputTokens);
  metrics.tokens.inc([model, 'output'], usage.outputTokens);
  if (usage.cacheReadTokens) metrics.tokens.inc([model, 'cache_read'], usage.cacheReadTokens);
  if (usage.cacheWriteTokens) metrics.tokens.inc([model, 'cache_write'], usage.cacheWriteTokens);
  if (cost !== undefined) metrics.cost.inc([model], cost);
}
