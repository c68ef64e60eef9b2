import { Hono } from 'hono';
import type { GatewayContext, GatewayEnv } from '../gateway-context';

/** `GET /v1/models`: the configured models with provider, prices and capabilities, plus `auto`. */
export function modelsRoute(gateway: GatewayContext) {
  const app = new Hono<GatewayEnv>();
  const created = Math.floor(Date.now() / 1000);
  app.get('/models', (c) => {
    const { runtime } = gateway;
    const data = [...runtime.models.values()].map((model) => {
      const capabilities = model.kind === 'chat' ? runtime.chatModel(model.name).capabilities : undefined;
      return {
        id: model.name,
        object: 'model' as const,
        created,
        owned_by: model.provider.id,
        llmrouter: {
          kind: model.kind,
          provider: model.provider.id,
          provider_name: model.provider.displayName,
          model_id: model.modelId,
          region: model.region ?? null,
          input_price: model.prices.inputPrice ?? null,
          output_price: model.prices.outputPrice ?? null,
          context_window: model.entry.context_window ?? null,
          description: model.entry.description ?? null,
          tier: model.entry.tier ?? null,
          tags: model.entry.tags ?? [],
          routable: model.routable,
          capabilities: capabilities ?? null,
        },
      };
    });
    const auto = {
      id: 'auto',
      object: 'model' as const,
      created,
      owned_by: 'llmrouter',
      llmrouter: {
        kind: 'router',
        strategy: runtime.routerConfig.strategy,
        candidates: runtime.routable.map((m) => m.name),
      },
    };
    return c.json({ object: 'list', data: [auto, ...data] });
  });
  return app;
}
