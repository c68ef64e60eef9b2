import type { ChatRequestV1 } from '@llmrouter/core';
import { caughtError, collectStream } from '@llmrouter/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AnthropicProviderSettings, createAnthropicProvider, type HttpProviderV1 } from './index';
import { type AnthropicServer, startAnthropicServer } from './testing-servers/anthropic-server';
import { withEnv } from './testing-servers/with-env';

const hello: ChatRequestV1 = {
  messages: [
    { role: 'system', content: 'Be brief.' },
    { role: 'user', content: [{ type: 'text', text: 'Hi' }] },
  ],
};

let server: AnthropicServer;
const providers: HttpProviderV1[] = [];

beforeAll(async () => {
  server = await startAnthropicServer();
});
afterAll(async () => {
  await Promise.all(providers.map((provider) => provider.close()));
  await server.close();
});

function model(modelId: string, settings: AnthropicProviderSettings = {}) {
  const provider = createAnthropicProvider({
    baseUrl: server.url,
    apiKey: 'sk-ant-loopback-0001',
    maxRetries: 0,
    ...settings,
  });
  providers.push(provider);
  return provider.chatModel(modelId);
}

const lastBody = () => server.requests.at(-1)?.body as Record<string, unknown>;

describe('Anthropic Messages API', () => {
  it('posts to /v1/messages with x-api-key and anthropic-version 2023-06-01', async () => {
    const result = await model('claude-test').generate(hello);
    const request = server.requests.at(-1);
    expect(request?.path).toBe('/v1/messages');
    expect(request?.headers['x-api-key']).toBe('sk-ant-loopback-0001');
    expect(request?.headers['anthropic-version']).toBe('2023-06-01');
    expect(request?.headers.authorization).toBeUndefined();
    expect(lastBody()).toEqual({
      model: 'claude-test',
      max_tokens: 4096,
      system: [{ type: 'text', text: 'Be brief.' }],
      messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }],
    });
    expect(result.text).toBe('Hello from the loopback model. You said: Hi');
    expect(result.providerMetadata.anthropic).toMatchObject({ requestId: expect.stringMatching(/^msg_/) });
  });

  it('accepts a base URL ending in /v1, bearer auth, and the key from ANTHROPIC_API_KEY', async () => {
    await withEnv({ ANTHROPIC_API_KEY: 'sk-ant-from-env-0001' }, async () => {
      const provider = createAnthropicProvider({ baseUrl: `${server.url}/v1`, authMode: 'bearer' });
      providers.push(provider);
      await provider.chatModel('claude-test').generate(hello);
    });
    expect(server.requests.at(-1)?.path).toBe('/v1/messages');
    expect(server.requests.at(-1)?.headers.authorization).toBe('Bearer sk-ant-from-env-0001');
  });

  it('asks for ANTHROPIC_API_KEY when there is no key', async () => {
    await withEnv({ ANTHROPIC_API_KEY: undefined, API_KEYS: undefined }, async () => {
      const provider = createAnthropicProvider({ baseUrl: server.url });
      providers.push(provider);
      const error = await caughtError(provider.chatModel('claude-test').generate(hello));
      expect(error.code).toBe('provider_credentials_missing');
      expect(error.hint).toContain('ANTHROPIC_API_KEY');
    });
  });

  it('translates tools, tool_use, tool_result, images and cache points', async () => {
    const result = await model('claude-test').generate({
      messages: [
        { role: 'system', content: 'Long shared instructions.', cachePoint: true },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Look at this', cachePoint: true },
            { type: 'image', source: { type: 'base64', mediaType: 'image/png', data: 'iVBORw0KGgo=' } },
            { type: 'image', source: { type: 'url', url: 'https://example.com/cat.jpg' } },
          ],
        },
        {
          role: 'assistant',
          content: [{ type: 'text', text: 'Checking.' }],
          toolCalls: [{ id: 'toolu_1', name: 'lookup', arguments: '{"q":"cat"}' }],
        },
        { role: 'tool', toolCallId: 'toolu_1', content: 'a cat', isError: false },
        { role: 'user', content: [{ type: 'text', text: 'And?' }] },
      ],
      tools: [
        {
          name: 'lookup',
          description: 'Looks up',
          parameters: { type: 'object', properties: { q: { type: 'string' } } },
        },
      ],
      toolChoice: 'auto',
      stop: ['###'],
      temperature: 0.5,
      seed: 3,
      providerOptions: { anthropic: { metadata: { user_id: 'u-1' } } },
    });
    expect(lastBody()).toEqual({
      model: 'claude-test',
      max_tokens: 4096,
      system: [{ type: 'text', text: 'Long shared instructions.', cache_control: { type: 'ephemeral' } }],
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Look at this', cache_control: { type: 'ephemeral' } },
            { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'iVBORw0KGgo=' } },
            { type: 'image', source: { type: 'url', url: 'https://example.com/cat.jpg' } },
          ],
        },
        {
          role: 'assistant',
          content: [
            { type: 'text', text: 'Checking.' },
            { type: 'tool_use', id: 'toolu_1', name: 'lookup', input: { q: 'cat' } },
          ],
        },
        {
          role: 'user',
          content: [
            { type: 'tool_result', tool_use_id: 'toolu_1', content: 'a cat' },
            { type: 'text', text: 'And?' },
          ],
        },
      ],
      tools: [
        {
          name: 'lookup',
          description: 'Looks up',
          input_schema: { type: 'object', properties: { q: { type: 'string' } } },
        },
      ],
      tool_choice: { type: 'auto' },
      stop_sequences: ['###'],
      temperature: 0.5,
      metadata: { user_id: 'u-1' },
    });
    expect(result.warnings).toContainEqual(expect.objectContaining({ setting: 'seed' }));
  });

  it('maps required and named tool choices', async () => {
    const tools = [{ name: 'lookup', parameters: { type: 'object', properties: { q: { type: 'string' } } } }];
    const user = { role: 'user' as const, content: [{ type: 'text' as const, text: 'Find Rome' }] };
    const required = await model('claude-test').generate({ messages: [user], tools, toolChoice: 'required' });
    expect(lastBody().tool_choice).toEqual({ type: 'any' });
    expect(required.toolCalls).toEqual([
      { id: 'toolu_loopback_1', name: 'lookup', arguments: '{"q":"Rome"}' },
    ]);
    await model('claude-test').generate({ messages: [user], tools, toolChoice: 'none' });
    expect(lastBody().tool_choice).toEqual({ type: 'none' });
  });

  it('streams tool_use blocks as tool-call deltas with input_json_delta fragments', async () => {
    const streamed = await collectStream(
      model('claude-test').stream({
        messages: [{ role: 'user', content: [{ type: 'text', text: 'Weather in Madrid' }] }],
        tools: [
          { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } },
        ],
        toolChoice: { type: 'tool', name: 'get_weather' },
      }),
    );
    const deltas = streamed.parts.filter((part) => part.type === 'tool-call-delta');
    expect(deltas[0]).toMatchObject({
      index: 0,
      id: 'toolu_loopback_1',
      name: 'get_weather',
      argumentsDelta: '',
    });
    expect(deltas.length).toBeGreaterThan(2);
    expect(streamed.toolCalls).toEqual([
      { id: 'toolu_loopback_1', name: 'get_weather', arguments: '{"city":"Madrid"}' },
    ]);
    expect(streamed.parts.at(-1)).toMatchObject({ type: 'finish', finishReason: 'tool-calls' });
  });

  it('reports cache reads and writes, disjoint from input tokens, in generate and stream', async () => {
    const generated = await model('cached-model').generate(hello);
    expect(generated.usage).toEqual({
      inputTokens: 3,
      outputTokens: 8,
      cacheReadTokens: 3,
      cacheWriteTokens: 2,
      totalTokens: 16,
    });
    const streamed = await collectStream(model('cached-model').stream(hello));
    const finish = streamed.parts.at(-1);
    expect(finish?.type === 'finish' && finish.usage).toEqual(generated.usage);
  });

  it('turns thinking blocks into reasoning', async () => {
    const generated = await model('thinking-model').generate(hello);
    expect(generated.reasoning).toBe('Let me think.');
    const streamed = await collectStream(model('thinking-model').stream(hello));
    expect(streamed.reasoning).toBe('Let me think.');
    expect(streamed.text).toBe(generated.text);
  });

  it('raises an error event inside the stream with its type', async () => {
    const error = await caughtError(collectStream(model('stream-error').stream(hello)));
    expect(error.code).toBe('provider_unavailable');
    expect(error.message).toContain('Overloaded');
  });

  it('a stream cut off before message_stop is provider_stream_interrupted', async () => {
    const error = await caughtError(collectStream(model('cut-stream').stream(hello)));
    expect(error.code).toBe('provider_stream_interrupted');
  });

  it('404 lists the models from GET /v1/models', async () => {
    const error = await caughtError(model('unknown-claude').generate(hello));
    expect(error.code).toBe('model_not_found');
    expect(error.hint).toContain('claude-test');
  });

  it('rejects unknown settings', () => {
    expect(() => createAnthropicProvider({ baseURL: 'x' } as never)).toThrow(/unknown setting "baseURL"/);
    expect(() => createAnthropicProvider({ kind: 'openai' })).toThrow(/got kind "openai"/);
  });
});
