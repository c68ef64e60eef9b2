import { type ChatRequestV1, PROVIDER_KINDS } from '@llmrouter/core';
import { caughtError, collectStream } from '@llmrouter/core/testing';
import { LLMRouterError, redactText } from '@llmrouter/errors';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createOpenAICompatibleProvider,
  type HttpProviderV1,
  type OpenAICompatibleProviderSettings,
  openAICompatiblePresets,
} from './index';
import { type OpenAIServer, startOpenAIServer } from './testing-servers/openai-compatible-server';
import { withEnv } from './testing-servers/with-env';

const hello: ChatRequestV1 = { messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi there' }] }] };

let server: OpenAIServer;
const providers: HttpProviderV1[] = [];

beforeAll(async () => {
  server = await startOpenAIServer({ chatPaths: ['/v1/chat/completions', '/v1/custom/chat'] });
});
afterAll(async () => {
  await Promise.all(providers.map((provider) => provider.close()));
  await server.close();
});

function provider(settings: OpenAICompatibleProviderSettings): HttpProviderV1 {
  const created = createOpenAICompatibleProvider({ baseUrl: `${server.url}/v1`, maxRetries: 0, ...settings });
  providers.push(created);
  return created;
}

async function headersOf(settings: OpenAICompatibleProviderSettings): Promise<Record<string, unknown>> {
  const before = server.requests.length;
  await provider(settings).chatModel('test-model').generate(hello);
  expect(server.requests.length).toBe(before + 1);
  return server.requests.at(-1)?.headers as Record<string, unknown>;
}

describe('presets', () => {
  it('has a preset for every OpenAI-compatible provider kind core knows', () => {
    const kinds = PROVIDER_KINDS.filter((kind) => kind.family === 'openai-compatible').map((kind) => kind.id);
    expect(Object.keys(openAICompatiblePresets).sort()).toEqual([...kinds].sort());
  });

  it('hosted presets need a key and name its variable; local servers need none', () => {
    for (const id of ['openai', 'nvidia', 'groq', 'together', 'openrouter', 'deepseek', 'mistral'] as const) {
      expect(openAICompatiblePresets[id].requiresKey).toBe(true);
      expect(openAICompatiblePresets[id].apiKeyEnv).toMatch(/_API_KEY$/);
      expect(openAICompatiblePresets[id].baseUrl).toMatch(/^https:\/\//);
    }
    for (const id of ['vllm', 'sglang', 'ollama', 'lmstudio', 'llamacpp'] as const) {
      expect(openAICompatiblePresets[id].requiresKey).toBe(false);
      expect(openAICompatiblePresets[id].baseUrl).toMatch(/^http:\/\/localhost:\d+\/v1$/);
    }
    expect(openAICompatiblePresets.nvidia.baseUrl).toBe('https://integrate.api.nvidia.com/v1');
  });

  it('accepts aliases for kind and reports the canonical id', () => {
    expect(provider({ kind: 'nvidia-nim' }).id).toBe('nvidia');
    expect(provider({ kind: 'LM Studio' }).id).toBe('lmstudio');
  });

  it('requires a base URL for the custom kind', () => {
    expect(() => createOpenAICompatibleProvider({ kind: 'openai-compatible' })).toThrow(/needs a base_url/);
  });

  it('rejects unknown settings and kinds, naming them', () => {
    const typo = () => createOpenAICompatibleProvider({ kind: 'vllm', chat_path: '/x' } as never);
    expect(typo).toThrow(/unknown setting "chat_path"/);
    expect(() => createOpenAICompatibleProvider({ kind: 'anthropic' })).toThrow(/not an OpenAI-compatible/);
    try {
      createOpenAICompatibleProvider({ kind: 'anthropic' });
    } catch (error) {
      expect((error as LLMRouterError).hint).toContain('createAnthropicProvider');
    }
    expect(() => createOpenAICompatibleProvider({ kind: 'vllm', authMode: 'token' as never })).toThrow(
      /authMode/,
    );
    expect(() => createOpenAICompatibleProvider({ kind: 'vllm', timeoutMs: 3e9 })).toThrow(/timeoutMs/);
    expect(() => createOpenAICompatibleProvider({ kind: 'vllm', maxRetries: -1 })).toThrow(/maxRetries/);
    expect(() => createOpenAICompatibleProvider({ kind: 'vllm', baseUrl: 'localhost:8000' })).toThrow(
      /http\(s\) URL/,
    );
    try {
      typo();
    } catch (error) {
      expect(LLMRouterError.hasCode(error, 'config_invalid')).toBe(true);
    }
  });

  it('reads no environment at creation time', async () => {
    await withEnv({ OPENAI_API_KEY: undefined }, async () => {
      const created = provider({ kind: 'openai' });
      const model = created.chatModel('test-model');
      expect(model.provider).toBe('openai');
      const error = await caughtError(model.generate(hello));
      expect(error.code).toBe('provider_credentials_missing');
      expect(error.hint).toContain('OPENAI_API_KEY');
    });
  });
});

describe('auth modes', () => {
  it('auto sends a bearer key when there is one', async () => {
    const headers = await headersOf({ kind: 'openai', apiKey: 'sk-auto-mode-key-1' });
    expect(headers.authorization).toBe('Bearer sk-auto-mode-key-1');
    expect(headers['x-api-key']).toBeUndefined();
  });

  it('auto sends nothing for a local server without a key', async () => {
    await withEnv({ OLLAMA_API_KEY: undefined, API_KEYS: undefined }, async () => {
      const headers = await headersOf({ kind: 'ollama' });
      expect(headers.authorization).toBeUndefined();
    });
  });

  it('api-key sends x-api-key', async () => {
    const headers = await headersOf({ kind: 'vllm', apiKey: 'vllm-secret-key-1', authMode: 'api-key' });
    expect(headers['x-api-key']).toBe('vllm-secret-key-1');
    expect(headers.authorization).toBeUndefined();
  });

  it('none sends no key even when one is configured', async () => {
    const headers = await headersOf({ kind: 'openai', apiKey: 'sk-never-sent-123', authMode: 'none' });
    expect(headers.authorization).toBeUndefined();
    expect(headers['x-api-key']).toBeUndefined();
  });

  it('sends configured headers, the organization, and per-call headers', async () => {
    const before = server.requests.length;
    const model = provider({
      kind: 'openai',
      apiKey: 'sk-headers-key-1',
      organization: 'org-123',
      headers: { 'x-team': 'a' },
    });
    await model.chatModel('test-model').generate(hello, { headers: { 'x-call': 'b' } });
    const headers = server.requests[before]?.headers ?? {};
    expect(headers['openai-organization']).toBe('org-123');
    expect(headers['x-team']).toBe('a');
    expect(headers['x-call']).toBe('b');
    expect(headers['user-agent']).toMatch(/^llmrouter\//);
  });
});

describe('keys', () => {
  it('rotates provider-level keys round-robin, one per request', async () => {
    const keys = ['nv-rotate-key-1', 'nv-rotate-key-2', 'nv-rotate-key-3'];
    const model = provider({ kind: 'nvidia', apiKeys: keys }).chatModel('test-model');
    const before = server.requests.length;
    for (let index = 0; index < 4; index++) await model.generate(hello);
    const sent = server.requests.slice(before).map((request) => request.headers.authorization);
    expect(sent).toEqual([
      'Bearer nv-rotate-key-1',
      'Bearer nv-rotate-key-2',
      'Bearer nv-rotate-key-3',
      'Bearer nv-rotate-key-1',
    ]);
  });

  it('shares the rotation between the models of one provider', async () => {
    const created = provider({ kind: 'nvidia', apiKeys: 'nv-shared-key-1,nv-shared-key-2' });
    const before = server.requests.length;
    await created.chatModel('test-model').generate(hello);
    await created.chatModel('cached-model').generate(hello);
    const sent = server.requests.slice(before).map((request) => request.headers.authorization);
    expect(sent).toEqual(['Bearer nv-shared-key-1', 'Bearer nv-shared-key-2']);
  });

  it('prefers api_key_env over the list, read lazily at call time', async () => {
    const created = provider({ kind: 'nvidia', apiKeyEnv: 'MY_MODEL_KEY', apiKeys: ['nv-list-key-0001'] });
    const model = created.chatModel('test-model');
    await withEnv({ MY_MODEL_KEY: 'nv-model-env-key-1' }, () => model.generate(hello));
    expect(server.requests.at(-1)?.headers.authorization).toBe('Bearer nv-model-env-key-1');
    await withEnv({ MY_MODEL_KEY: undefined }, () => model.generate(hello));
    expect(server.requests.at(-1)?.headers.authorization).toBe('Bearer nv-list-key-0001');
  });

  it('reads the preset variable, then every API_KEYS form', async () => {
    const sentWith = async (env: Record<string, string | undefined>, count = 1): Promise<unknown[]> =>
      withEnv({ NVIDIA_API_KEY: undefined, API_KEYS: undefined, ...env }, async () => {
        const model = provider({ kind: 'nvidia' }).chatModel('test-model');
        const before = server.requests.length;
        for (let index = 0; index < count; index++) await model.generate(hello);
        return server.requests.slice(before).map((request) => request.headers.authorization);
      });
    expect(await sentWith({ NVIDIA_API_KEY: 'nvapi-preset-variable-1' })).toEqual([
      'Bearer nvapi-preset-variable-1',
    ]);
    expect(await sentWith({ API_KEYS: '{"NVIDIA": "nv-dict-key-1,nv-dict-key-2"}' }, 2)).toEqual([
      'Bearer nv-dict-key-1',
      'Bearer nv-dict-key-2',
    ]);
    expect(await sentWith({ API_KEYS: '["nv-json-list-1", "nv-json-list-2"]' }, 2)).toEqual([
      'Bearer nv-json-list-1',
      'Bearer nv-json-list-2',
    ]);
    expect(await sentWith({ API_KEYS: 'nv-comma-key-1,nv-comma-key-2' }, 2)).toEqual([
      'Bearer nv-comma-key-1',
      'Bearer nv-comma-key-2',
    ]);
    expect(await sentWith({ API_KEYS: 'nv-single-key-1' })).toEqual(['Bearer nv-single-key-1']);
  });

  it('names unresolved config references when no key is left', async () => {
    await withEnv({ NVIDIA_API_KEY: undefined, API_KEYS: undefined }, async () => {
      // biome-ignore lint/suspicious/noTemplateCurlyInString: config references the loader left unresolved
      const model = provider({ kind: 'nvidia', apiKeys: ['${NVIDIA_KEY_A}', '${NVIDIA_KEY_B}'] }).chatModel(
        'test-model',
      );
      const error = await caughtError(model.generate(hello));
      expect(error.code).toBe('provider_credentials_missing');
      expect(error.hint).toContain('NVIDIA_KEY_A');
      expect(error.hint).toContain('NVIDIA_API_KEY');
    });
  });

  it('registers every key so it is redacted everywhere', async () => {
    const key = 'opaque0key0without0shape';
    await provider({ kind: 'vllm', apiKeys: [key] })
      .chatModel('test-model')
      .generate(hello);
    expect(redactText(`the key was ${key}`)).toBe('the key was [REDACTED]');
  });

  it('takes per-model overrides from ModelSettingsV1.providerSettings', async () => {
    const created = provider({ kind: 'nvidia', apiKeys: ['nv-provider-key-1'] });
    const model = created.chatModel('test-model', {
      providerSettings: { apiKey: 'nv-model-override-1' },
      region: 'x',
    });
    const result = await model.generate(hello);
    expect(server.requests.at(-1)?.headers.authorization).toBe('Bearer nv-model-override-1');
    expect(result.warnings).toContainEqual(expect.objectContaining({ setting: 'region' }));
    expect(() => created.chatModel('test-model', { providerSettings: { bogus: 1 } })).toThrow(
      /unknown setting "bogus"/,
    );
    const overrides = { providerSettings: { apiKeys: ['nv-model-rot-1', 'nv-model-rot-2'] } };
    await created.chatModel('test-model', overrides).generate(hello);
    await created.chatModel('test-model', overrides).generate(hello);
    expect(server.requests.slice(-2).map((request) => request.headers.authorization)).toEqual([
      'Bearer nv-model-rot-1',
      'Bearer nv-model-rot-2',
    ]);
  });
});

describe('chat_path', () => {
  it('posts to base_url + chat_path', async () => {
    const model = provider({ kind: 'vllm', chatPath: '/custom/chat' }).chatModel('test-model');
    const result = await model.generate(hello);
    expect(result.text).toContain('Hi there');
    expect(server.requests.at(-1)?.path).toBe('/v1/custom/chat');
    const streamed = await collectStream(model.stream(hello));
    expect(streamed.text).toBe(result.text);
    expect(server.requests.at(-1)?.path).toBe('/v1/custom/chat');
  });

  it('joins slashes either way', async () => {
    await provider({ kind: 'vllm', baseUrl: `${server.url}/v1/`, chatPath: 'chat/completions' })
      .chatModel('test-model')
      .generate(hello);
    expect(server.requests.at(-1)?.path).toBe('/v1/chat/completions');
  });
});
