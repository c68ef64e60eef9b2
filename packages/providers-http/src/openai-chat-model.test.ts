import type { ChatRequestV1 } from '@llmrouter/core';
import { collectStream } from '@llmrouter/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOpenAICompatibleProvider, type HttpProviderV1 } from './index';
import { type OpenAIServer, startOpenAIServer } from './testing-servers/openai-compatible-server';

let server: OpenAIServer;
let provider: HttpProviderV1;

beforeAll(async () => {
  server = await startOpenAIServer();
  provider = createOpenAICompatibleProvider({ kind: 'vllm', baseUrl: `${server.url}/v1`, maxRetries: 0 });
});
afterAll(async () => {
  await provider.close();
  await server.close();
});

const weather: ChatRequestV1 = {
  messages: [{ role: 'user', content: [{ type: 'text', text: 'Weather in Lyon?' }] }],
  tools: [
    {
      name: 'get_weather',
      description: 'Weather for a city',
      parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
    },
    { name: 'get_time', parameters: { type: 'object', properties: {} } },
  ],
  toolChoice: { type: 'tool', name: 'get_weather' },
};

function lastBody(): Record<string, unknown> {
  return server.requests.at(-1)?.body as Record<string, unknown>;
}

describe('OpenAI chat completions on the wire', () => {
  it('streams with include_usage and yields start, text deltas, finish', async () => {
    const model = provider.chatModel('test-model');
    const streamed = await collectStream(
      model.stream({ messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }] }),
    );
    expect(lastBody()).toMatchObject({
      stream: true,
      stream_options: { include_usage: true },
      model: 'test-model',
    });
    expect(streamed.parts[0]).toMatchObject({ type: 'start', modelId: 'test-model' });
    expect(streamed.parts.filter((part) => part.type === 'text-delta').length).toBeGreaterThan(3);
    expect(streamed.text).toBe('Hello from the loopback model. You said: Hi');
    const finish = streamed.parts.at(-1);
    expect(finish).toMatchObject({ type: 'finish', finishReason: 'stop' });
    if (finish?.type === 'finish') {
      expect(finish.usage.outputTokens).toBe(8);
      expect(finish.timeToFirstTokenMs).toBeGreaterThanOrEqual(0);
      expect(finish.providerMetadata.vllm).toMatchObject({ requestId: expect.stringMatching(/^chatcmpl-/) });
    }
  });

  it('sends tools and a forced tool choice, and reassembles tool-call deltas', async () => {
    const model = provider.chatModel('test-model');
    const streamed = await collectStream(model.stream(weather));
    const body = lastBody();
    expect(body.tool_choice).toEqual({ type: 'function', function: { name: 'get_weather' } });
    expect(body.tools).toEqual([
      {
        type: 'function',
        function: {
          name: 'get_weather',
          description: 'Weather for a city',
          parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
        },
      },
      { type: 'function', function: { name: 'get_time', parameters: { type: 'object', properties: {} } } },
    ]);
    const deltas = streamed.parts.filter((part) => part.type === 'tool-call-delta');
    expect(deltas.length).toBeGreaterThan(2);
    expect(deltas[0]).toMatchObject({ index: 0, id: 'call_get_weather_1', name: 'get_weather' });
    expect(deltas.slice(1).every((part) => part.id === undefined && part.name === undefined)).toBe(true);
    expect(streamed.toolCalls).toEqual([
      { id: 'call_get_weather_1', name: 'get_weather', arguments: '{"city":"Lyon"}' },
    ]);
    const generated = await model.generate(weather);
    expect(generated.toolCalls).toEqual(streamed.toolCalls);
    expect(generated.finishReason).toBe('tool-calls');
  });

  it('sends images as image_url parts: data URLs and http URLs', async () => {
    await provider.chatModel('test-model').generate({
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'What is in these?' },
            { type: 'image', source: { type: 'base64', mediaType: 'image/png', data: 'iVBORw0KGgo=' } },
            { type: 'image', source: { type: 'url', url: 'https://example.com/cat.jpg' } },
          ],
        },
      ],
    });
    expect((lastBody().messages as unknown[])[0]).toEqual({
      role: 'user',
      content: [
        { type: 'text', text: 'What is in these?' },
        { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=' } },
        { type: 'image_url', image_url: { url: 'https://example.com/cat.jpg' } },
      ],
    });
  });

  it('sends the conversation, stop, seed, response_format and providerOptions passthrough', async () => {
    const result = await provider.chatModel('test-model').generate({
      messages: [
        { role: 'system', content: 'Be brief.', cachePoint: true },
        { role: 'user', content: [{ type: 'text', text: 'Weather?' }] },
        {
          role: 'assistant',
          content: [],
          toolCalls: [{ id: 'call_1', name: 'get_weather', arguments: '{"city":"Oslo"}' }],
        },
        { role: 'tool', toolCallId: 'call_1', content: '{"temp": 3}', isError: true },
        { role: 'user', content: [{ type: 'text', text: 'Thanks' }] },
      ],
      maxTokens: 50,
      temperature: 0.2,
      topP: 0.9,
      stop: ['END'],
      seed: 7,
      responseFormat: { type: 'json', schema: { type: 'object' }, name: 'answer' },
      providerOptions: {
        openai: { user: 'u-1' },
        vllm: { top_k: 20, repetition_penalty: 1.1 },
        groq: { ignored: true },
      },
    });
    expect(lastBody()).toEqual({
      model: 'test-model',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Weather?' },
        {
          role: 'assistant',
          content: null,
          tool_calls: [
            {
              id: 'call_1',
              type: 'function',
              function: { name: 'get_weather', arguments: '{"city":"Oslo"}' },
            },
          ],
        },
        { role: 'tool', tool_call_id: 'call_1', content: '{"temp": 3}' },
        { role: 'user', content: 'Thanks' },
      ],
      max_tokens: 50,
      temperature: 0.2,
      top_p: 0.9,
      stop: ['END'],
      seed: 7,
      response_format: { type: 'json_schema', json_schema: { name: 'answer', schema: { type: 'object' } } },
      user: 'u-1',
      top_k: 20,
      repetition_penalty: 1.1,
    });
    expect(
      result.warnings.map((warning) => (warning.type === 'unsupported-setting' ? warning.setting : '')),
    ).toEqual(['cachePoint', 'isError']);
  });

  it('uses max_completion_tokens for OpenAI itself', async () => {
    const openai = createOpenAICompatibleProvider({
      kind: 'openai',
      baseUrl: `${server.url}/v1`,
      apiKey: 'sk-openai-wire-1',
    });
    const result = await openai
      .chatModel('test-model')
      .generate({ messages: weather.messages, maxTokens: 2 });
    await openai.close();
    expect(lastBody().max_completion_tokens).toBe(2);
    expect(lastBody().max_tokens).toBeUndefined();
    expect(result.finishReason).toBe('length');
  });

  it('moves cached prompt tokens out of inputTokens into cacheReadTokens', async () => {
    const request: ChatRequestV1 = {
      messages: [{ role: 'user', content: [{ type: 'text', text: 'one two three four five' }] }],
    };
    const model = provider.chatModel('cached-model');
    const generated = await model.generate(request);
    expect(generated.usage).toEqual({
      inputTokens: 2,
      cacheReadTokens: 3,
      cacheWriteTokens: 0,
      outputTokens: 12,
      totalTokens: 17,
    });
    const streamed = await collectStream(model.stream(request));
    const finish = streamed.parts.at(-1);
    expect(finish?.type === 'finish' && finish.usage).toEqual(generated.usage);
  });

  it('reads reasoning_content (vLLM, DeepSeek) in answers and streams', async () => {
    server.script.push({
      status: 200,
      body: {
        id: 'chatcmpl-r',
        object: 'chat.completion',
        model: 'test-model',
        choices: [
          {
            index: 0,
            message: { role: 'assistant', content: 'Four.', reasoning_content: '2+2=4' },
            finish_reason: 'stop',
          },
        ],
        usage: { prompt_tokens: 5, completion_tokens: 3, total_tokens: 8 },
      },
    });
    const result = await provider.chatModel('test-model').generate(weather);
    expect(result).toMatchObject({ text: 'Four.', reasoning: '2+2=4', finishReason: 'stop' });
    const chunk = (delta: unknown, finish: string | null = null) =>
      `data: ${JSON.stringify({ id: 'c', object: 'chat.completion.chunk', choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
    server.script.push({
      status: 200,
      sse: [
        chunk({ role: 'assistant', reasoning_content: 'Think' }),
        chunk({ reasoning: 'ing' }),
        chunk({ content: 'Done' }),
        chunk({}, 'stop'),
        'data: [DONE]\n\n',
      ],
    });
    const streamed = await collectStream(provider.chatModel('test-model').stream(weather));
    expect(streamed.reasoning).toBe('Thinking');
    expect(streamed.text).toBe('Done');
  });

  it('replays a whole JSON answer as a stream when the server ignores stream: true', async () => {
    server.script.push({
      status: 200,
      body: {
        id: 'chatcmpl-whole',
        object: 'chat.completion',
        model: 'test-model',
        choices: [
          { index: 0, message: { role: 'assistant', content: 'All at once.' }, finish_reason: 'stop' },
        ],
        usage: { prompt_tokens: 4, completion_tokens: 3, total_tokens: 7 },
      },
    });
    const streamed = await collectStream(provider.chatModel('test-model').stream(weather));
    expect(streamed.text).toBe('All at once.');
    expect(streamed.parts.at(-1)).toMatchObject({
      type: 'finish',
      finishReason: 'stop',
      usage: { inputTokens: 4, outputTokens: 3 },
    });
  });

  it('keeps parallel calls apart when a server reuses index 0 with new ids (Ollama)', async () => {
    const chunk = (delta: unknown, finish: string | null = null) =>
      `data: ${JSON.stringify({ id: 'c', object: 'chat.completion.chunk', choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
    server.script.push({
      status: 200,
      sse: [
        chunk({
          tool_calls: [
            { index: 0, id: 'call_a', function: { name: 'get_weather', arguments: '{"city":"A"}' } },
          ],
        }),
        chunk({ tool_calls: [{ index: 0, id: 'call_b', function: { name: 'get_time', arguments: '{}' } }] }),
        chunk({}, 'tool_calls'),
        'data: [DONE]\n\n',
      ],
    });
    const streamed = await collectStream(provider.chatModel('test-model').stream(weather));
    expect(streamed.toolCalls).toEqual([
      { id: 'call_a', name: 'get_weather', arguments: '{"city":"A"}' },
      { id: 'call_b', name: 'get_time', arguments: '{}' },
    ]);
  });
});
