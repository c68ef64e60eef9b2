import type { ChatModelV1, ModelSettingsV1, WarningV1 } from '@llmrouter/core';
import { LLMRouterError } from '@llmrouter/errors';
import { AnthropicChatModel } from './anthropic-chat-model';
import { ApiKeyPool } from './api-key-pool';
import { HttpClient } from './http-client';
import {
  type AuthMode,
  type HttpTransportSettings,
  resolveTransportSettings,
  TRANSPORT_SETTINGS_SCHEMA,
} from './http-settings';
import type { HttpProviderV1 } from './openai-compatible-provider';
import { joinUrl, readOpenAIModelIds } from './upstream-config';
import { validateSettings } from './validate-settings';
import { VERSION } from './version';

export interface AnthropicProviderSettings extends HttpTransportSettings {
  /** Always `anthropic` when given (the registry passes it). */
  kind?: 'anthropic' | (string & {});
  /** Default `https://api.anthropic.com`. A base URL ending in `/v1` is accepted too. */
  baseUrl?: string;
  apiKey?: string;
  /** Keys rotated round-robin: a list, or LLMRouter's `API_KEYS` forms (`{"Anthropic": "k1,k2"}`). */
  apiKeys?: readonly string[] | string | Record<string, string | readonly string[]>;
  /** Default `ANTHROPIC_API_KEY`. */
  apiKeyEnv?: string;
  /** `api-key` (x-api-key, the default under `auto`), `bearer` for gateways that want it, or `none`. */
  authMode?: AuthMode;
  headers?: Record<string, string>;
  /** The `anthropic-version` header. Default `2023-06-01`. */
  anthropicVersion?: string;
}

const SCHEMA = {
  kind: 'string',
  baseUrl: 'url',
  apiKey: 'string',
  apiKeys: 'apiKeys',
  apiKeyEnv: 'string',
  authMode: 'authMode',
  headers: 'headers',
  anthropicVersion: 'string',
  ...TRANSPORT_SETTINGS_SCHEMA,
} as const;

const DEFAULT_BASE_URL = 'https://api.anthropic.com';

/** The native Anthropic Messages API provider. Nothing is read from the environment until a call. */
export function createAnthropicProvider(settings: AnthropicProviderSettings = {}): HttpProviderV1 {
  validateSettings('Anthropic provider', settings as Record<string, unknown>, SCHEMA);
  if (settings.kind !== undefined && settings.kind.toLowerCase() !== 'anthropic') {
    throw new LLMRouterError({
      code: 'config_invalid',
      message: `createAnthropicProvider got kind "${settings.kind}".`,
      hint: 'Use createOpenAICompatibleProvider for OpenAI-compatible kinds.',
      details: { setting: 'kind' },
    });
  }
  const baseUrl = (settings.baseUrl ?? DEFAULT_BASE_URL).replace(/\/+$/, '');
  const apiRoot = baseUrl.endsWith('/v1') ? baseUrl : joinUrl(baseUrl, '/v1');
  const transport = resolveTransportSettings(settings);
  const client = new HttpClient(transport, {
    'content-type': 'application/json',
    'user-agent': `llmrouter/${VERSION}`,
    'anthropic-version': settings.anthropicVersion ?? '2023-06-01',
  });
  const keyVariable = settings.apiKeyEnv ?? 'ANTHROPIC_API_KEY';
  const keys = new ApiKeyPool({
    apiKey: settings.apiKey,
    apiKeys: settings.apiKeys,
    apiKeyEnv: settings.apiKeyEnv,
    presetEnv: 'ANTHROPIC_API_KEY',
    serviceNames: ['anthropic', 'claude'],
  });
  const config = {
    kind: 'anthropic',
    displayName: 'Anthropic',
    baseUrl,
    client,
    keys,
    authMode: settings.authMode ?? 'auto',
    requiresKey: true,
    keyVariable,
    headers: { ...settings.headers },
    transport,
    modelsUrl: joinUrl(apiRoot, '/models'),
    readModelIds: readOpenAIModelIds,
    messagesUrl: joinUrl(apiRoot, '/messages'),
  };
  return {
    specificationVersion: 'v1',
    id: 'anthropic',
    chatModel(modelId: string, modelSettings?: ModelSettingsV1): ChatModelV1 {
      const warnings: WarningV1[] = [];
      if (modelSettings?.region !== undefined) {
        warnings.push({
          type: 'unsupported-setting',
          setting: 'region',
          details: 'The Anthropic API has no regions.',
        });
      }
      if (
        modelSettings?.providerSettings !== undefined &&
        Object.keys(modelSettings.providerSettings).length > 0
      ) {
        warnings.push({
          type: 'unsupported-setting',
          setting: 'providerSettings',
          details: 'Give Anthropic settings at the provider level.',
        });
      }
      return new AnthropicChatModel(modelId, { ...config, modelWarnings: warnings });
    },
    close: () => client.close(),
  };
}
