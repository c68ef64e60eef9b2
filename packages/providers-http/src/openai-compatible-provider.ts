import {
  type ChatModelV1,
  type EmbeddingModelV1,
  findProviderKind,
  type ModelSettingsV1,
  type ProviderV1,
  type WarningV1,
} from '@llmrouter/core';
import { LLMRouterError } from '@llmrouter/errors';
import { ApiKeyPool } from './api-key-pool';
import { HttpClient } from './http-client';
import {
  type AuthMode,
  type HttpTransportSettings,
  resolveTransportSettings,
  TRANSPORT_SETTINGS_SCHEMA,
} from './http-settings';
import { OpenAIChatModel } from './openai-chat-model';
import {
  isOpenAICompatibleKind,
  type OpenAICompatibleKind,
  openAICompatiblePresets,
} from './openai-compatible-presets';
import { OpenAIEmbeddingModel } from './openai-embedding-model';
import { joinUrl, readOpenAIModelIds, type UpstreamConfig } from './upstream-config';
import { validateSettings } from './validate-settings';
import { VERSION } from './version';

export interface OpenAICompatibleProviderSettings extends HttpTransportSettings {
  /** The preset: `openai`, `nvidia`, `vllm`, … or `openai-compatible` for any other server. Default `openai-compatible`. */
  kind?: OpenAICompatibleKind | (string & {});
  /** The API root, ending in `/v1` for most servers. Default: the preset's. Required for `openai-compatible`. */
  baseUrl?: string;
  apiKey?: string;
  /** Keys rotated round-robin: a list, or LLMRouter's `API_KEYS` forms (`k1,k2`, `["k1"]`, `{"NVIDIA": "k1,k2"}`). */
  apiKeys?: readonly string[] | string | Record<string, string | readonly string[]>;
  /** The variable holding the key (or a comma list of keys). Default: the preset's (`NVIDIA_API_KEY`). */
  apiKeyEnv?: string;
  /** `bearer` (Authorization), `api-key` (x-api-key), `none`, or `auto`: bearer when a key exists. Default `auto`. */
  authMode?: AuthMode;
  /** Appended to baseUrl for chat. Default `/chat/completions`. */
  chatPath?: string;
  /** Appended to baseUrl for embeddings. Default `/embeddings`. */
  embeddingsPath?: string;
  headers?: Record<string, string>;
  /** Sent as `OpenAI-Organization`. */
  organization?: string;
}

/** A provider that can also release its connection pool (tests, graceful shutdown). */
export interface HttpProviderV1 extends ProviderV1 {
  close(): Promise<void>;
}

const SCHEMA = {
  kind: 'string',
  baseUrl: 'url',
  apiKey: 'string',
  apiKeys: 'apiKeys',
  apiKeyEnv: 'string',
  authMode: 'authMode',
  chatPath: 'path',
  embeddingsPath: 'path',
  headers: 'headers',
  ...TRANSPORT_SETTINGS_SCHEMA,
  organization: 'string',
} as const;

/** Model-level settings (`ModelSettingsV1.providerSettings`) that may differ from the provider's. */
const MODEL_SCHEMA = {
  apiKey: 'string',
  apiKeys: 'apiKeys',
  apiKeyEnv: 'string',
  authMode: 'authMode',
  chatPath: 'path',
  embeddingsPath: 'path',
  headers: 'headers',
  organization: 'string',
} as const;

type ModelOverrides = Pick<OpenAICompatibleProviderSettings, keyof typeof MODEL_SCHEMA>;

/**
 * One factory for every OpenAI-compatible server: `kind` picks the preset (base URL, key variable,
 * whether a key is required). Nothing is read from the environment until a model is called.
 */
export function createOpenAICompatibleProvider(
  settings: OpenAICompatibleProviderSettings = {},
): HttpProviderV1 {
  validateSettings('OpenAI-compatible provider', settings as Record<string, unknown>, SCHEMA);
  const kind = resolveKind(settings.kind ?? 'openai-compatible');
  const preset = openAICompatiblePresets[kind];
  const baseUrl = settings.baseUrl ?? preset.baseUrl;
  if (baseUrl === undefined) {
    throw new LLMRouterError({
      code: 'config_invalid',
      message: `Provider kind "${kind}" needs a base_url.`,
      hint: 'Set base_url to the server root, e.g. http://localhost:8000/v1.',
      provider: kind,
      details: { setting: 'baseUrl' },
    });
  }
  const transport = resolveTransportSettings(settings);
  const client = new HttpClient(transport, {
    'content-type': 'application/json',
    'user-agent': `llmrouter/${VERSION}`,
  });

  function upstream(overrides: ModelOverrides): UpstreamConfig {
    const merged = { ...settings, ...overrides };
    const organization =
      merged.organization === undefined ? {} : { 'openai-organization': merged.organization };
    return {
      kind,
      displayName: preset.displayName,
      baseUrl: baseUrl as string,
      client,
      keys: new ApiKeyPool({
        apiKey: merged.apiKey,
        apiKeys: merged.apiKeys,
        apiKeyEnv: merged.apiKeyEnv,
        presetEnv: preset.apiKeyEnv,
        serviceNames: serviceNames(kind, preset.displayName),
      }),
      authMode: merged.authMode ?? 'auto',
      requiresKey: preset.requiresKey,
      keyVariable: merged.apiKeyEnv ?? preset.apiKeyEnv,
      headers: { ...merged.headers, ...organization },
      transport,
      modelsUrl: joinUrl(baseUrl as string, '/models'),
      readModelIds: readOpenAIModelIds,
    };
  }

  // The provider-level pool is shared by its models, so rotation spreads over all their requests.
  const shared = upstream({});
  const overridden = new Map<string, UpstreamConfig>();

  function configFor(settings: ModelSettingsV1 | undefined): {
    config: UpstreamConfig;
    warnings: WarningV1[];
  } {
    const warnings: WarningV1[] = [];
    if (settings?.region !== undefined) {
      warnings.push({
        type: 'unsupported-setting',
        setting: 'region',
        details: 'HTTP providers have no regions.',
      });
    }
    const overrides = settings?.providerSettings;
    if (overrides === undefined || Object.keys(overrides).length === 0) return { config: shared, warnings };
    validateSettings(`Model settings for provider "${kind}"`, overrides, MODEL_SCHEMA);
    // Models are created per request by some callers; one config per distinct override keeps its
    // key rotation going across them.
    const cacheKey = JSON.stringify(
      Object.entries(overrides).sort(([left], [right]) => (left < right ? -1 : 1)),
    );
    let config = overridden.get(cacheKey);
    if (!config) {
      config = upstream(overrides as ModelOverrides);
      overridden.set(cacheKey, config);
    }
    return { config, warnings };
  }

  return {
    specificationVersion: 'v1',
    id: kind,
    chatModel(modelId, modelSettings): ChatModelV1 {
      const { config, warnings } = configFor(modelSettings);
      const chatPath = (modelSettings?.providerSettings?.chatPath as string | undefined) ?? settings.chatPath;
      const chatUrl = joinUrl(config.baseUrl, chatPath ?? '/chat/completions');
      return new OpenAIChatModel(modelId, { ...config, chatUrl, modelWarnings: warnings });
    },
    embeddingModel(modelId, modelSettings): EmbeddingModelV1 {
      const { config, warnings } = configFor(modelSettings);
      const path =
        (modelSettings?.providerSettings?.embeddingsPath as string | undefined) ?? settings.embeddingsPath;
      const embeddingsUrl = joinUrl(config.baseUrl, path ?? '/embeddings');
      return new OpenAIEmbeddingModel(modelId, { ...config, embeddingsUrl, modelWarnings: warnings });
    },
    close: () => client.close(),
  };
}

function resolveKind(name: string): OpenAICompatibleKind {
  const found = findProviderKind(name);
  if (found && isOpenAICompatibleKind(found.id)) return found.id;
  const known = Object.keys(openAICompatiblePresets).join(', ');
  throw new LLMRouterError({
    code: 'config_invalid',
    message: `"${name}" is not an OpenAI-compatible provider kind.`,
    hint:
      found?.family === 'anthropic'
        ? 'Use createAnthropicProvider for Anthropic.'
        : `Use one of: ${known}; "openai-compatible" with a base_url covers any other server.`,
    details: { setting: 'kind' },
  });
}

/** The names the dict form of API_KEYS may use for this provider (`NVIDIA`, `nvidia-nim`, `Together AI`). */
function serviceNames(kind: string, displayName: string): string[] {
  const aliases = findProviderKind(kind)?.aliases ?? [];
  return [kind, displayName, ...aliases];
}
