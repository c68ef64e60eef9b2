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
  status?: number;
  stream?: boolean;
  model?: string;
  provider?: string;
  region?: string;
  strategy?: string;
  reason?: string;
  inputTokens?: number;
  outputTokens?: number;
  cacheReadTokens?: number;
  cacheWriteTokens?: number;
  costUsd?: number;
  timeToFirstTokenMs?: number;
  overheadMs?: number;
  errorCode?: string;
  /** The stream handler logs this record itself when the stream ends. */
  deferred?: boolean;
}

export type GatewayEnv = { Variables: { record: RequestRecord } };

export function writeRecord(gateway: GatewayContext, record: RequestRecord): void {
  const latencyMs = performance.now() - record.startedAt;
  const { startedAt: _startedAt, deferred: _deferred, ...fields } = record;
  gateway.logger.request({ ...fields, latencyMs: Math.round(latencyMs * 100) / 100 });
  const labels = {
    endpoint: record.path,
    model: record.model ?? '',
    provider: record.provider ?? '',
    status: String(record.status ?? 0),
  };
  gateway.metrics.requests.inc(labels);
  gateway.metrics.duration.observe({ endpoint: record.path, model: record.model ?? '' }, latencyMs / 1000);
  if (record.overheadMs !== undefined) gateway.metrics.overhead.observe({}, record.overheadMs / 1000);
}
