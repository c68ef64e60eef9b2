import type { HttpExchange } from './http/http-exchange';
import type { GatewayMetrics } from './metrics/gateway-metrics';
import type { Runtime } from './runtime/create-runtime';
import type { GatewayLogger } from './runtime/gateway-logger';

export interface GatewayContext {
  runtime: Runtime;
  metrics: GatewayMetrics;
  logger: GatewayLogger;
  showModelPrefix: boolean;
  /** Names the gateway may have prefixed answers with. */
  modelNames: readonly string[];
}

/** What one request did, logged as one JSON line when it ends. */
export interface RequestRecord {
  requestId: string;
  method: string;
  path: string;
  startedAt: number;
  status: number | undefined;
  stream: boolean | undefined;
  model: string | undefined;
  provider: string | undefined;
  region: string | undefined;
  strategy: string | undefined;
  reason: string | undefined;
  inputTokens: number | undefined;
  outputTokens: number | undefined;
  cacheReadTokens: number | undefined;
  cacheWriteTokens: number | undefined;
  costUsd: number | undefined;
  timeToFirstTokenMs: number | undefined;
  overheadMs: number | undefined;
  errorCode: string | undefined;
  /** The stream handler logs this record itself when the stream ends. */
  deferred: boolean;
}

/**
 * A record with every field in place from the start: records filled in different orders would take many
 * shapes, and the code reading them would slow down for all (V8's megamorphic property loads).
 */
export function newRecord(requestId: string, method: string, path: string): RequestRecord {
  return {
    requestId,
    method,
    path,
    startedAt: performance.now(),
    status: undefined,
    stream: undefined,
    model: undefined,
    provider: undefined,
    region: undefined,
    strategy: undefined,
    reason: undefined,
    inputTokens: undefined,
    outputTokens: undefined,
    cacheReadTokens: undefined,
    cacheWriteTokens: undefined,
    costUsd: undefined,
    timeToFirstTokenMs: undefined,
    overheadMs: undefined,
    errorCode: undefined,
    deferred: false,
  };
}

export type GatewayEnv = { Variables: { record: RequestRecord; exchange: HttpExchange } };

/** Paths the gateway serves; any other path is counted as `other`, so scanners cannot grow /metrics. */
const ENDPOINTS = new Set([
  '/v1/chat/completions',
  '/v1/chat/ws',
  '/v1/models',
  '/v1/embeddings',
  '/health',
  '/health/models',
  '/metrics',
  '/',
]);

/** The `endpoint` label of a request path: bounded, unlike the paths clients send. */
export function endpointLabel(path: string): string {
  if (ENDPOINTS.has(path)) return path;
  return path.startsWith('/assets/') ? '/assets/*' : 'other';
}

/**
 * Starts a request's record: its id (the client's `x-request-id`, or a new one) goes on the answer, and the
 * request counts as in flight until `closeRecord`.
 */
export function openRecord(gateway: GatewayContext, exchange: HttpExchange): RequestRecord {
  const record = newRecord(
    exchange.header('x-request-id') ?? crypto.randomUUID(),
    exchange.method,
    exchange.path,
  );
  // Before the handler: on Node it joins the answer's headers when they are written.
  exchange.setHeader('x-request-id', record.requestId);
  gateway.metrics.inFlight.inc([], 1);
  return record;
}

/** Ends what openRecord started once the handler has returned; a streamed answer logs its record itself. */
export function closeRecord(gateway: GatewayContext, record: RequestRecord, status: number): void {
  gateway.metrics.inFlight.inc([], -1);
  record.status ??= status;
  if (!record.deferred) writeRecord(gateway, record);
}

/** Logs the record as one line and counts it in the metrics. */
export function writeRecord(gateway: GatewayContext, record: RequestRecord): void {
  const latencyMs = performance.now() - record.startedAt;
  // One object, built once, in the order the line reads best; `undefined` fields are left out by JSON.
  gateway.logger.request({
    requestId: record.requestId,
    method: record.method,
    path: record.path,
    status: record.status,
    stream: record.stream,
    model: record.model,
    provider: record.provider,
    region: record.region,
    strategy: record.strategy,
    reason: record.reason,
    inputTokens: record.inputTokens,
    outputTokens: record.outputTokens,
    cacheReadTokens: record.cacheReadTokens,
    cacheWriteTokens: record.cacheWriteTokens,
    costUsd: record.costUsd,
    timeToFirstTokenMs: record.timeToFirstTokenMs,
    overheadMs: record.overheadMs,
    errorCode: record.errorCode,
    latencyMs: Math.round(latencyMs * 100) / 100,
  });
  const endpoint = endpointLabel(record.path);
  const model = record.model ?? '';
  const { metrics } = gateway;
  metrics.requests.inc([endpoint, model, record.provider ?? '', String(record.status ?? 0)]);
  metrics.duration.observe([endpoint, model], latencyMs / 1000);
  if (record.overheadMs !== undefined) metrics.overhead.observe([], record.overheadMs / 1000);
}
