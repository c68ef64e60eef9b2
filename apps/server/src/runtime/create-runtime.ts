import { dirname } from 'node:path';
import {
  type ChatModelV1,
  createProviderRegistry,
  type EmbeddingModelV1,
  type LoadedConfig,
  type ProviderRegistry,
  type ResolvedModel,
  type RouterConfig,
  type RouterV1,
  resolveModels,
} from '@llmrouter/core';
import { LLMRouterError } from '@llmrouter/errors';
import { createBedrockProvider } from '@llmrouter/providers-bedrock';
import { createAnthropicProvider, createOpenAICompatibleProvider } from '@llmrouter/providers-http';
import { createRouter } from '@llmrouter/router-strategies';
import { ConcurrencyLimiter } from './concurrency-limiter';

export interface RuntimeOptions {
  loaded: LoadedConfig;
  /** Replaces the config's router (the CLI's `--router`). */
  router?: RouterConfig;
  /** Extra provider settings merged over every provider of a family (the demo points Bedrock at its emulator). */
  providerOverrides?: { bedrock?: Record<string, unknown> };
  /** Tests can register their own implementations. */
  registry?: ProviderRegistry;
}

/** Everything the gateway and the CLI need to answer a request, assembled once from a config. */
export interface Runtime {
  loaded: LoadedConfig;
  models: ReadonlyMap<string, ResolvedModel>;
  /** Configured chat models that routing may choose. */
  routable: readonly ResolvedModel[];
  router: RouterV1;
  routerConfig: RouterConfig;
  limiter: ConcurrencyLimiter;
  chatModel(name: string): ChatModelV1;
  embeddingModel(name: string): EmbeddingModelV1;
}

export function registerDefaultProviders(
  registry: ProviderRegistry,
  overrides: RuntimeOptions['providerOverrides'] = {},
): void {
  if (!registry.has('bedrock')) {
    registry.register('bedrock', ({ kind: _kind, ...settings }) =>
      createBedrockProvider({ ...settings, ...overrides.bedrock }),
    );
  }
  if (!registry.has('openai-compatible')) {
    registry.register('openai-compatible', (settings) =>
      createOpenAICompatibleProvider(settings as Parameters<typeof createOpenAICompatibleProvider>[0]),
    );
  }
  if (!registry.has('anthropic')) {
    registry.register('anthropic', ({ kind: _kind, ...settings }) =>
      createAnthropicProvider(settings as Parameters<typeof createAnthropicProvider>[0]),
    );
  }
}

export async function createRuntime(options: RuntimeOptions): Promise<Runtime> {
  const { loaded } = options;
  const registry = options.registry ?? createProviderRegistry();
  registerDefaultProviders(registry, options.providerOverrides);
  const models = new Map(resolveModels(loaded.config).map((model) => [model.name, model]));
  const routerConfig = options.router ?? loaded.config.router;
  const pool =
    routerConfig.candidates ??
    [...models.values()].filter((model) => model.routable).map((model) => model.name);
  const routable = pool
    .map((name) => models.get(name))
    .filter((model): model is ResolvedModel => model !== undefined);

  const chatModels = new Map<string, ChatModelV1>();
  const embeddingModels = new Map<string, EmbeddingModelV1>();
  function find(name: string, kind: 'chat' | 'embedding'): ResolvedModel {
    const model = models.get(name);
    if (model && model.kind === kind) return model;
    const names = [...models.values()].filter((entry) => entry.kind === kind).map((entry) => entry.name);
    throw new LLMRouterError({
      code: 'model_not_found',
      message: `"${name}" is not a configured ${kind} model.`,
      hint: `Use one of: ${names.join(', ') || '(none configured)'}${kind === 'chat' ? ', or "auto"' : ''}.`,
      details: { param: 'model' },
    });
  }
  const runtime: Runtime = {
    loaded,
    models,
    routable,
    routerConfig,
    limiter: new ConcurrencyLimiter(loaded.config.server.limits.max_concurrency_per_model),
    router: undefined as unknown as RouterV1,
    chatModel(name) {
      let model = chatModels.get(name);
      if (!model) {
        model = registry.chatModel(find(name, 'chat').target);
        chatModels.set(name, model);
      }
      return model;
    },
    embeddingModel(name) {
      let model = embeddingModels.get(name);
      if (!model) {
        model = registry.embeddingModel(find(name, 'embedding').target);
        embeddingModels.set(name, model);
      }
      return model;
    },
  };
  runtime.router = await createRouter(routerConfig, {
    candidates: routable.map((model) => model.candidate),
    chatModel: (name: string) => runtime.chatModel(name),
    embeddingModel: (name: string) => runtime.embeddingModel(name),
    baseDirectory: loaded.source.includes('/') ? dirname(loaded.source) : process.cwd(),
  });
  return runtime;
}
