import {
  type ChatModelV1,
  checkBedrockModelIdForm,
  type EmbeddingModelV1,
  type ModelSettingsV1,
  type ProviderFactorySettings,
  type ProviderV1,
} from '@llmrouter/core';
import { LLMRouterError } from '@llmrouter/errors';
import type { BedrockProviderContext } from './bedrock-call';
import { BedrockChatModel } from './bedrock-chat-model';
import { BedrockClientCache } from './bedrock-client-cache';
import { BedrockEmbeddingModel } from './bedrock-embedding-model';
import { type BedrockProviderSettings, validateBedrockSettings } from './bedrock-provider-settings';
import { checkRegion } from './bedrock-region';
import { BEDROCK_INTERNALS, type BedrockInternals } from './bedrock-sdk';
import { closestBedrockModelIds, findBedrockModel } from './find-bedrock-model';

export interface BedrockProvider extends ProviderV1 {
  chatModel(modelId: string, settings?: ModelSettingsV1): ChatModelV1;
  embeddingModel(modelId: string, settings?: ModelSettingsV1): EmbeddingModelV1;
  /** Closes every SDK client (and its connections) the provider opened. */
  close(): void;
}

function checkModelId(modelId: string): void {
  // The grammar lives in core, so config validation and the provider agree on what is well formed.
  const problem = checkBedrockModelIdForm(modelId);
  if (problem === undefined) return;
  throw new LLMRouterError({
    code: 'model_not_found',
    message: `"${modelId}" is not a valid Bedrock model id: ${problem}`,
    hint: `Closest known ids: ${closestBedrockModelIds(modelId, 3).join(', ')}. Ids look like anthropic.claude-3-haiku-20240307-v1:0 or us.anthropic.claude-sonnet-4-5-20250929-v1:0.`,
    provider: 'bedrock',
    modelId,
  });
}

function modelRegion(settings: ModelSettingsV1 | undefined): string | undefined {
  return settings?.region === undefined ? undefined : checkRegion(settings.region, 'model region');
}

/**
 * Creates the Bedrock provider. Nothing is read from the environment and no SDK module is loaded until
 * the first call, so creating it is free and settings errors surface at once.
 */
export function createBedrockProvider(settings?: BedrockProviderSettings): BedrockProvider;
/** From a provider registry: the config's provider block with `kind`, checked at run time. */
export function createBedrockProvider(settings: ProviderFactorySettings): BedrockProvider;
export function createBedrockProvider(
  input: BedrockProviderSettings | ProviderFactorySettings = {},
): BedrockProvider {
  const internals = ((input as Record<symbol, unknown>)[BEDROCK_INTERNALS] ?? {}) as BedrockInternals;
  const settings = validateBedrockSettings(input as Record<string, unknown>);
  const cache = new BedrockClientCache(settings, internals, internals.env);
  const shared: BedrockProviderContext = { settings, cache, profileMemory: new Map() };
  return {
    specificationVersion: 'v1',
    id: 'bedrock',
    chatModel(modelId, modelSettings) {
      checkModelId(modelId);
      return new BedrockChatModel({
        ...shared,
        modelId,
        modelRegion: modelRegion(modelSettings),
        catalog: findBedrockModel(modelId),
      });
    },
    embeddingModel(modelId, modelSettings) {
      checkModelId(modelId);
      return new BedrockEmbeddingModel({
        ...shared,
        modelId,
        modelRegion: modelRegion(modelSettings),
        catalog: findBedrockModel(modelId),
      });
    },
    close() {
      cache.destroy();
    },
  };
}
