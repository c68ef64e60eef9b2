import type { ModelPrices } from '../pricing';
import { type ProviderKind, resolveProviderKind } from '../provider-names';
import type { ModelTarget, ProviderFactorySettings } from '../provider-registry';
import type { RouteCandidateV1 } from '../spec';
import type { LLMRouterConfig, ModelEntry } from './config-schema';

/** A configured model with everything an app needs to call, price and route it. */
export interface ResolvedModel {
  name: string;
  kind: 'chat' | 'embedding';
  routable: boolean;
  provider: ProviderKind;
  /** The name of the providers block it uses, or the provider name as written. */
  providerName: string;
  modelId: string;
  region?: string;
  prices: ModelPrices;
  maxTokens?: number;
  entry: ModelEntry;
  target: ModelTarget;
  candidate: RouteCandidateV1;
}

function camelCase(key: string): string {
  return key.replace(/[_-]([a-z0-9])/g, (_match, letter: string) => letter.toUpperCase());
}

/** snake_case keys to camelCase, deeply, except inside header maps whose keys are HTTP names. */
export function camelCaseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(camelCaseKeys);
  if (value === null || typeof value !== 'object') return value;
  const result: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    result[camelCase(key)] = key === 'headers' ? item : camelCaseKeys(item);
  }
  return result;
}

function providerSettingsFor(
  config: LLMRouterConfig,
  entry: ModelEntry,
  kind: ProviderKind,
): ProviderFactorySettings {
  const { type: _type, ...block } = config.providers[entry.provider] ?? {};
  const overrides: Record<string, unknown> = {};
  if (entry.base_url !== undefined) overrides.base_url = entry.base_url;
  if (entry.api_key !== undefined) overrides.api_key = entry.api_key;
  if (entry.api_key_env !== undefined) overrides.api_key_env = entry.api_key_env;
  if (entry.auth_mode !== undefined) overrides.auth_mode = entry.auth_mode;
  if (entry.chat_path !== undefined) overrides.chat_path = entry.chat_path;
  const merged = camelCaseKeys({ ...block, ...overrides, ...entry.settings }) as Record<string, unknown>;
  return { ...merged, kind: kind.id };
}

export function resolveModels(config: LLMRouterConfig): ResolvedModel[] {
  return Object.entries(config.models).map(([name, entry]) => {
    const provider = resolveProviderKind(config.providers[entry.provider]?.type ?? entry.provider);
    const kind = entry.kind ?? 'chat';
    const prices: ModelPrices = {
      inputPrice: entry.input_price,
      outputPrice: entry.output_price,
      cacheReadPrice: entry.cache_read_price,
      cacheWritePrice: entry.cache_write_price,
    };
    const target: ModelTarget = {
      name,
      modelId: entry.model,
      providerSettings: providerSettingsFor(config, entry, provider),
      ...(entry.aws_region === undefined ? {} : { region: entry.aws_region }),
    };
    const candidate: RouteCandidateV1 = {
      name,
      provider: provider.id,
      modelId: entry.model,
      tags: entry.tags ?? [],
      ...(entry.input_price === undefined ? {} : { inputPrice: entry.input_price }),
      ...(entry.output_price === undefined ? {} : { outputPrice: entry.output_price }),
      ...(entry.size === undefined ? {} : { size: entry.size }),
      ...(entry.description === undefined ? {} : { description: entry.description }),
      ...(entry.context_window === undefined ? {} : { contextWindow: entry.context_window }),
      ...(entry.tier === undefined ? {} : { tier: entry.tier }),
    };
    return {
      name,
      kind,
      routable: kind === 'chat' && entry.routable !== false,
      provider,
      providerName: entry.provider,
      modelId: entry.model,
      prices,
      entry,
      target,
      candidate,
      ...(entry.aws_region === undefined ? {} : { region: entry.aws_region }),
      ...(entry.max_tokens === undefined ? {} : { maxTokens: entry.max_tokens }),
    };
  });
}
