import { LLMRouterError } from '@llmrouter/errors';
import { type ProviderFamily, type ProviderKind, resolveProviderKind } from './provider-names';
import type { ChatModelV1, EmbeddingModelV1, ProviderV1 } from './spec';

/**
 * Settings a factory receives: the config's provider block and the model's overrides, merged, with
 * snake_case keys turned to camelCase (`base_url` → `baseUrl`, `api_keys` → `apiKeys`). `kind` is the
 * canonical provider id, so one OpenAI-compatible factory can serve every preset.
 */
export interface ProviderFactorySettings extends Record<string, unknown> {
  kind: string;
}

export type ProviderFactory = (settings: ProviderFactorySettings) => ProviderV1;

export interface ProviderRegistry {
  /** Registers the implementation for a provider family. Apps call this; core knows none. */
  register(family: ProviderFamily, factory: ProviderFactory): void;
  has(family: ProviderFamily): boolean;
  /** The provider for these settings, created once and reused for identical settings. */
  provider(settings: ProviderFactorySettings): ProviderV1;
  chatModel(target: ModelTarget): ChatModelV1;
  embeddingModel(target: ModelTarget): EmbeddingModelV1;
}

/** What the registry needs to build a model: derived from a config model entry by `resolveModels`. */
export interface ModelTarget {
  name: string;
  modelId: string;
  region?: string;
  providerSettings: ProviderFactorySettings;
}

export function createProviderRegistry(): ProviderRegistry {
  const factories = new Map<ProviderFamily, ProviderFactory>();
  const providers = new Map<string, ProviderV1>();

  function factoryFor(kind: ProviderKind): ProviderFactory {
    const factory = factories.get(kind.family);
    if (factory) return factory;
    const packageName =
      kind.family === 'bedrock' ? '@llmrouter/providers-bedrock' : '@llmrouter/providers-http';
    throw new LLMRouterError({
      code: 'provider_sdk_missing',
      message: `No implementation is registered for provider "${kind.id}" (${kind.displayName}).`,
      hint: `Install ${packageName} and register it: registry.register('${kind.family}', settings => create…Provider(settings)).`,
      provider: kind.id,
    });
  }

  const registry: ProviderRegistry = {
    register(family, factory) {
      factories.set(family, factory);
    },
    has(family) {
      return factories.has(family);
    },
    provider(settings) {
      const kind = resolveProviderKind(settings.kind);
      const key = stableKey({ ...settings, kind: kind.id });
      let provider = providers.get(key);
      if (!provider) {
        provider = factoryFor(kind)({ ...settings, kind: kind.id });
        providers.set(key, provider);
      }
      return provider;
    },
    chatModel(target) {
      return registry.provider(target.providerSettings).chatModel(target.modelId, modelSettings(target));
    },
    embeddingModel(target) {
      const provider = registry.provider(target.providerSettings);
      if (!provider.embeddingModel) {
        throw new LLMRouterError({
          code: 'unsupported_feature',
          message: `Provider "${provider.id}" has no embedding models (model "${target.name}").`,
          hint: 'Point embeddings at a model of a provider that serves them (Bedrock Titan Embed, an OpenAI-compatible /v1/embeddings).',
          provider: provider.id,
          modelId: target.modelId,
        });
      }
      return provider.embeddingModel(target.modelId, modelSettings(target));
    },
  };
  return registry;
}

function modelSettings(target: ModelTarget): { region?: string } {
  return target.region === undefined ? {} : { region: target.region };
}

/** JSON with sorted keys, so settings written in any order share one provider (and one connection pool). */
function stableKey(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableKey).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([left], [right]) => (left < right ? -1 : 1));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${stableKey(item)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
