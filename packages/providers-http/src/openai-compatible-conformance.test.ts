import { runChatModelConformance } from '@llmrouter/core/testing';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { createOpenAICompatibleProvider, type HttpProviderV1 } from './index';
import { closedPort } from './testing-servers/loopback';
import { type OpenAIServer, startOpenAIServer } from './testing-servers/openai-compatible-server';

let server: OpenAIServer;
const providers: HttpProviderV1[] = [];

beforeAll(async () => {
  server = await startOpenAIServer({ keys: ['sk-loopback-key-1'] });
});
afterAll(async () => {
  await Promise.all(providers.map((provider) => provider.close()));
  await server.close();
});

function model(modelId: string, settings: Record<string, unknown> = {}) {
  const provider = createOpenAICompatibleProvider({
    kind: 'vllm',
    baseUrl: `${server.url}/v1`,
    apiKey: 'sk-loopback-key-1',
    maxRetries: 0,
    ...settings,
  });
  providers.push(provider);
  return provider.chatModel(modelId);
}

runChatModelConformance(
  {
    name: 'OpenAI-compatible (loopback vLLM preset)',
    createModel: () => model('test-model'),
    createSlowModel: () => model('slow-model'),
    failures: [
      {
        name: 'bad key (401)',
        createModel: () => model('test-model', { apiKey: 'sk-wrong-key-0000' }),
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
        name: 'server error (500)',
        createModel: () => model('status-500'),
        expectedCode: 'provider_unavailable',
      },
      {
        name: 'context too long (400)',
        createModel: () => model('status-400-context'),
        expectedCode: 'context_length_exceeded',
      },
      {
        name: 'malformed JSON',
        createModel: () => model('malformed-json'),
        expectedCode: 'provider_response_invalid',
        stream: false,
      },
      {
        name: 'connection refused',
        createModel: async () => {
          const port = await closedPort();
          return model('test-model', { baseUrl: `http://127.0.0.1:${port}/v1` });
        },
        expectedCode: 'provider_unavailable',
      },
    ],
  },
  { describe, it },
);
