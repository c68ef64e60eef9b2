import { runChatModelConformance } from '@llmrouter/core/testing';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { createAnthropicProvider, type HttpProviderV1 } from './index';
import { type AnthropicServer, startAnthropicServer } from './testing-servers/anthropic-server';

let server: AnthropicServer;
const providers: HttpProviderV1[] = [];

beforeAll(async () => {
  server = await startAnthropicServer({ keys: ['sk-ant-loopback-key-1'] });
});
afterAll(async () => {
  await Promise.all(providers.map((provider) => provider.close()));
  await server.close();
});

function model(modelId: string, settings: Record<string, unknown> = {}) {
  const provider = createAnthropicProvider({
    baseUrl: server.url,
    apiKey: 'sk-ant-loopback-key-1',
    maxRetries: 0,
    ...settings,
  });
  providers.push(provider);
  return provider.chatModel(modelId);
}

runChatModelConformance(
  {
    name: 'Anthropic Messages (loopback)',
    createModel: () => model('claude-test'),
    createSlowModel: () => model('slow-model'),
    failures: [
      {
        name: 'bad key (401)',
        createModel: () => model('claude-test', { apiKey: 'sk-ant-wrong-key-0' }),
        expectedCode: 'provider_auth',
      },
      {
        name: 'unknown model (404)',
        createModel: () => model('unknown-model'),
        expectedCode: 'model_not_found',
      },
      {
        name: 'rate limited (429)',
        createModel: () => model('status-429'),
        expectedCode: 'provider_rate_limited',
      },
      {
        name: 'overloaded (529)',
        createModel: () => model('status-529'),
        expectedCode: 'provider_unavailable',
      },
    ],
  },
  { describe, it },
);
