import { LLMRouterError } from '@llmrouter/errors';
import { describe, expect, it } from 'vitest';
import { computeCost } from './pricing';
import { resolveProviderKind } from './provider-names';
import { createProviderRegistry, type ProviderFactorySettings } from './provider-registry';
import type { ChatModelV1, ProviderV1 } from './spec';

function recordingProvider(created: ProviderFactorySettings[]) {
  return (settings: ProviderFactorySettings): ProviderV1 => {
    created.push(settings);
    return {
      specificationVersion: 'v1',
      id: settings.kind,
      chatModel: (modelId, modelSettings) =>
        ({
          specificationVersion: 'v1',
          provider: settings.kind,
          modelId,
          region: modelSettings?.region,
        }) as unknown as ChatModelV1,
    };
  };
}

describe('provider registry', () => {
  it('creates one provider per distinct settings, whatever the key order, and passes the region', () => {
    const created: ProviderFactorySettings[] = [];
    const registry = createProviderRegistry();
    registry.register('openai-compatible', recordingProvider(created));
    const first = registry.chatModel({
      name: 'a',
      modelId: 'm1',
      providerSettings: { kind: 'NVIDIA', apiKey: 'k', baseUrl: 'u' },
    });
    registry.chatModel({
      name: 'b',
      modelId: 'm2',
      providerSettings: { baseUrl: 'u', apiKey: 'k', kind: 'nim' },
    });
    registry.chatModel({ name: 'c', modelId: 'm3', providerSettings: { kind: 'nvidia', apiKey: 'other' } });
    expect(created).toHaveLength(2);
    expect(created[0]?.kind).toBe('nvidia');
    expect(first.provider).toBe('nvidia');
  });

  it('names the package to install when a family has no implementation', () => {
    const registry = createProviderRegistry();
    let error: unknown;
    try {
      registry.chatModel({
        name: 'claude',
        modelId: 'anthropic.claude-v2',
        providerSettings: { kind: 'aws' },
      });
    } catch (caught) {
      error = caught;
    }
    expect(LLMRouterError.hasCode(error, 'provider_sdk_missing')).toBe(true);
    expect((error as LLMRouterError).hint).toContain('@llmrouter/providers-bedrock');
  });

  it('refuses embeddings from a provider without them', () => {
    const registry = createProviderRegistry();
    registry.register('openai-compatible', recordingProvider([]));
    expect(() =>
      registry.embeddingModel({ name: 'e', modelId: 'x', providerSettings: { kind: 'openai' } }),
    ).toThrow(/has no embedding models/);
  });

  it('an unknown provider lists the known ones', () => {
    expect(() => resolveProviderKind('watsonx')).toThrow(/Known providers: bedrock, anthropic, openai/);
  });
});

describe('computeCost', () => {
  it('prices input, output and cache tokens per million', () => {
    const cost = computeCost(
      {
        inputTokens: 1_000_000,
        outputTokens: 500_000,
        totalTokens: 2_000_000,
        cacheReadTokens: 400_000,
        cacheWriteTokens: 100_000,
      },
      { inputPrice: 3, outputPrice: 15, cacheReadPrice: 0.3, cacheWritePrice: 3.75 },
    );
    expect(cost?.input).toBeCloseTo(3 + 0.12 + 0.375);
    expect(cost?.output).toBeCloseTo(7.5);
    expect(cost?.total).toBeCloseTo(10.995);
  });

  it('is undefined, not zero, when prices are unknown', () => {
    const usage = {
      inputTokens: 10,
      outputTokens: 10,
      totalTokens: 20,
      cacheReadTokens: 0,
      cacheWriteTokens: 0,
    };
    expect(computeCost(usage, { inputPrice: 1 })).toBeUndefined();
  });
});
