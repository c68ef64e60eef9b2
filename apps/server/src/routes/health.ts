import { LLMRouterError, toLLMRouterError } from '@llmrouter/errors';
import { Hono } from 'hono';
import type { GatewayContext, GatewayEnv } from '../gateway-context';
import { auth } from '../middleware/auth';

const PROBE_TIMEOUT_MS = 15_000;

/** `GET /health` (liveness, no upstream calls) and `GET /health/models` (one cheap call per model). */
export function healthRoutes(gateway: GatewayContext, keys: readonly string[]) {
  const app = new Hono<GatewayEnv>();
  const startedAt = Date.now();

  app.get('/health', (c) =>
    c.json({
      status: 'ok',
      uptime_seconds: Math.round((Date.now() - startedAt) / 1000),
      models: gateway.runtime.models.size,
      strategy: gateway.runtime.routerConfig.strategy,
    }),
  );

  // Probing calls every model and costs money, so it needs a key when auth is on.
  app.get('/health/models', auth({ keys }), async (c) => {
    const models = [...gateway.runtime.models.values()];
    const probes = await Promise.all(
      models.map(async (model) => {
        const signal = AbortSignal.timeout(PROBE_TIMEOUT_MS);
        const started = performance.now();
        try {
          if (model.kind === 'embedding') {
            await gateway.runtime.embeddingModel(model.name).embed({ values: ['ping'] }, { signal });
          } else {
            await gateway.runtime
              .chatModel(model.name)
              .generate(
                { messages: [{ role: 'user', content: [{ type: 'text', text: 'ping' }] }], maxTokens: 1 },
                { signal },
              );
          }
          return { model, latencyMs: performance.now() - started };
        } catch (caught) {
          const error = signal.aborted
            ? new LLMRouterError({
                code: 'provider_timeout',
                message: `No answer within ${PROBE_TIMEOUT_MS} ms.`,
              })
            : toLLMRouterError(caught, { code: 'internal' });
          return { model, error };
        }
      }),
    );
    const healthy = probes.filter((probe) => !('error' in probe));
    const unhealthy = probes.filter((probe) => 'error' in probe);
    return c.json(
      {
        healthy_endpoints: healthy.map(({ model }) => model.modelId),
        unhealthy_endpoints: unhealthy.map((probe) => ({
          model_id: probe.model.modelId,
          model: probe.model.name,
          code: probe.error?.code,
          message: probe.error?.message,
          hint: probe.error?.hint,
        })),
        healthy_count: healthy.length,
        unhealthy_count: unhealthy.length,
        models: probes.map((probe) => ({
          model: probe.model.name,
          model_id: probe.model.modelId,
          provider: probe.model.provider.id,
          region: probe.model.region ?? null,
          healthy: !('error' in probe),
          ...('latencyMs' in probe ? { latency_ms: Math.round(probe.latencyMs) } : {}),
          ...('error' in probe && probe.error
            ? { error: { code: probe.error.code, message: probe.error.message, hint: probe.error.hint } }
            : {}),
        })),
      },
      unhealthy.length === 0 ? 200 : 503,
    );
  });
  return app;
}
