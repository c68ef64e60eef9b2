import { createProviderRegistry } from '@llmrouter/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAnthropicProvider, createOpenAICompatibleProvider } from './index';
import { type AnthropicServer, startAnthropicServer } from './testing-servers/anthropic-server';
import { type OpenAIServer, startOpenAIServer } from './testing-servers/openai-compatible-server';

let openai: OpenAIServer;
let anthropic: AnthropicServer;

beforeAll(async () => {
  [openai, anthropic] = await Promise.all([startOpenAIServer(), startAnthropicServer()]);
});
afterAll(async () => {
  await Promise.all([openai.close(), anthropic.close()]);
});

describe('with the core provider registry', () => {
  it('serves config-shaped settings (camelCased provider block + kind) for both families', async () => {
    const registry = createProviderRegistry();
    registry.register('openai-compatible', createOpenAICompatibleProvider);
    registry.register('anthropic', createAnthropicProvider);
    const hello = { messages: [{ role: 'user' as const, content: [{ type: 'text' as const, text: 'Hi' }] }] };

    const llama = registry.chatModel({
      name: 'llama-3.1-8b',
      modelId: 'test-model',
      providerSettings: {
        kind: 'NVIDIA',
        baseUrl: `${openai.url}/v1`,
        apiKeys: ['nv-registry-key-1'],
        chatPath: '/chat/completions',
      },
    });
    expect(llama.provider).toBe('nvidia');
    expect((await llama.generate(hello)).text).toContain('You said: Hi');
    expect(openai.requests.at(-1)?.headers.authorization).toBe('Bearer nv-registry-key-1');

    const claude = registry.chatModel({
      name: 'claude',
      modelId: 'claude-test',
      providerSettings: { kind: 'claude', baseUrl: anthropic.url, apiKey: 'sk-ant-registry-1' },
    });
    expect(claude.provider).toBe('anthropic');
    expect((await claude.generate(hello)).text).toContain('You said: Hi');

    const embedder = registry.embeddingModel({
      name: 'embed',
      modelId: 'text-embedding-3-small',
      providerSettings: { kind: 'vllm', baseUrl: `${openai.url}/v1` },
    });
    expect((await embedder.embed({ values: ['a'] })).embeddings).toHaveLength(1);
  });
});
