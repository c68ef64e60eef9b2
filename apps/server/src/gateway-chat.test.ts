import { request as httpRequest } from 'node:http';
import { APIError } from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from './gateway-test-harness';

let harness: TestGateway;

beforeAll(async () => {
  harness = await startTestGateway();
});
afterAll(async () => {
  await harness.close();
});

describe('POST /v1/chat/completions through the official openai client', () => {
  it('answers a configured Bedrock model by name, with usage and routing headers', async () => {
    const { data, response } = await harness.client.chat.completions
      .create({ model: 'haiku', messages: [{ role: 'user', content: 'Hello there' }], max_tokens: 50 })
      .withResponse();
    expect(data.object).toBe('chat.completion');
    expect(data.model).toBe('haiku');
    expect(data.choices[0]?.message.content).toContain('Emulated reply from anthropic.claude-3-haiku');
    expect(data.choices[0]?.finish_reason).toBe('stop');
    expect(data.usage?.prompt_tokens).toBeGreaterThan(0);
    expect(data.usage?.completion_tokens).toBeGreaterThan(0);
    expect(response.headers.get('x-llmrouter-model')).toBe('haiku');
    expect(response.headers.get('x-llmrouter-provider')).toBe('bedrock');
    expect(response.headers.get('x-llmrouter-strategy')).toBe('direct');
    expect(Number(response.headers.get('x-llmrouter-cost'))).toBeGreaterThan(0);
    expect(Number(response.headers.get('x-llmrouter-overhead-ms'))).toBeGreaterThanOrEqual(0);
    const recorded = harness.emulator.requests.at(-1);
    expect(recorded?.operation).toBe('Converse');
    expect(recorded?.modelId).toBe('anthropic.claude-3-haiku-20240307-v1:0');
  });

  it('routes "auto" and unknown names with the configured strategy', async () => {
    const code = await harness.client.chat.completions
      .create({ model: 'auto', messages: [{ role: 'user', content: 'Please review this code' }] })
      .withResponse();
    expect(code.data.model).toBe('sonnet');
    expect(code.response.headers.get('x-llmrouter-strategy')).toBe('rules');
    const other = await harness.client.chat.completions.create({
      model: 'gpt-4-not-configured',
      messages: [{ role: 'user', content: 'what is the weather' }],
    });
    expect(other.model).toBe('haiku');
  });

  it('reaches an OpenAI-compatible upstream in the same config', async () => {
    const result = await harness.client.chat.completions.create({
      model: 'local',
      messages: [{ role: 'user', content: 'hi' }],
      max_tokens: 5,
    });
    expect(result.model).toBe('local');
    expect(result.choices[0]?.message.content?.split(' ')).toHaveLength(5);
    expect(result.choices[0]?.finish_reason).toBe('length');
    const seen = harness.upstream.requests.at(-1);
    expect(seen?.body.model).toBe('loopback-model');
    expect(seen?.headers.authorization).toBe('Bearer sk-loopback-test-key-0000000000');
  });

  it('streams SSE in the OpenAI shape, with usage in the last chunk', async () => {
    const stream = await harness.client.chat.completions.create({
      model: 'haiku',
      messages: [{ role: 'user', content: 'Hello there' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(chunks[0]?.choices[0]?.delta.role).toBe('assistant');
    const text = chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join('');
    const json = await harness.client.chat.completions.create({
      model: 'haiku',
      messages: [{ role: 'user', content: 'Hello there' }],
    });
    expect(text).toBe(json.choices[0]?.message.content);
    const finish = chunks.find((chunk) => chunk.choices[0]?.finish_reason);
    expect(finish?.choices[0]?.finish_reason).toBe('stop');
    const last = chunks.at(-1);
    expect(last?.choices).toEqual([]);
    expect(last?.usage?.completion_tokens).toBeGreaterThan(0);
    expect(new Set(chunks.map((chunk) => chunk.id)).size).toBe(1);
    expect(chunks[0]?.id).toMatch(/^chatcmpl-[0-9a-f]{32}$/);
    expect(json.id).toMatch(/^chatcmpl-[0-9a-f]{32}$/);
    expect(json.id).not.toBe(chunks[0]?.id);
  });

  it('streams a long answer whole to a client that stops reading for a while (backpressure)', async () => {
    const words = 40_000;
    harness.upstream.options.answerWords = words;
    try {
      const body = JSON.stringify({
        model: 'local',
        messages: [{ role: 'user', content: 'a long one' }],
        stream: true,
      });
      const text = await new Promise<string>((resolve, reject) => {
        const call = httpRequest(
          `${harness.gateway.url}/v1/chat/completions`,
          { method: 'POST', headers: { 'content-type': 'application/json' } },
          (response) => {
            let raw = '';
            response.setEncoding('utf8');
            response.once('data', () => {
              // Stop reading long enough for the gateway's writes to back up, then read the rest.
              response.pause();
              setTimeout(() => response.resume(), 300);
            });
            response.on('data', (chunk: string) => {
              raw += chunk;
            });
            response.on('end', () => resolve(raw));
            response.on('error', reject);
          },
        );
        call.on('error', reject);
        call.end(body);
      });
      const events = text.split('\n\n').filter((event) => event.startsWith('data: '));
      expect(events.at(-1)).toBe('data: [DONE]');
      const content = events
        .slice(0, -1)
        .map((event) => JSON.parse(event.slice(6)).choices[0]?.delta.content ?? '')
        .join('');
      expect(content.split(' ')).toHaveLength(words);
    } finally {
      delete harness.upstream.options.answerWords;
    }
  });

  it('puts usage on the finishing chunk when include_usage is not asked for', async () => {
    const stream = await harness.client.chat.completions.create({
      model: 'local',
      messages: [{ role: 'user', content: 'hi' }],
      stream: true,
    });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(chunks.at(-1)?.choices[0]?.finish_reason).toBe('stop');
    expect(chunks.at(-1)?.usage?.total_tokens).toBeGreaterThan(0);
  });

  it('passes tools and returns tool calls, in JSON and streamed', async () => {
    const tools = [
      {
        type: 'function' as const,
        function: {
          name: 'get_weather',
          description: 'Weather for a city',
          parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
        },
      },
    ];
    const messages = [{ role: 'user' as const, content: 'What is the weather in Paris?' }];
    const tool_choice = { type: 'function' as const, function: { name: 'get_weather' } };
    const result = await harness.client.chat.completions.create({
      model: 'haiku',
      messages,
      tools,
      tool_choice,
    });
    const call = result.choices[0]?.message.tool_calls?.[0];
    expect(result.choices[0]?.finish_reason).toBe('tool_calls');
    expect(call?.type === 'function' && call.function.name).toBe('get_weather');
    expect(call?.type === 'function' && typeof JSON.parse(call.function.arguments)).toBe('object');

    const stream = await harness.client.chat.completions.create({
      model: 'haiku',
      messages,
      tools,
      tool_choice,
      stream: true,
    });
    let name = '';
    let argumentsText = '';
    let finish: string | null | undefined;
    for await (const chunk of stream) {
      for (const delta of chunk.choices[0]?.delta.tool_calls ?? []) {
        name += delta.function?.name ?? '';
        argumentsText += delta.function?.arguments ?? '';
      }
      finish = chunk.choices[0]?.finish_reason ?? finish;
    }
    expect(name).toBe('get_weather');
    expect(typeof JSON.parse(argumentsText)).toBe('object');
    expect(finish).toBe('tool_calls');

    // The tool result goes back as history; Bedrock needs the toolConfig, which the provider supplies.
    const followUp = await harness.client.chat.completions.create({
      model: 'haiku',
      tools,
      messages: [
        ...messages,
        { role: 'assistant', content: null, tool_calls: result.choices[0]?.message.tool_calls ?? [] },
        { role: 'tool', tool_call_id: call?.id ?? '', content: '{"temperature": 18}' },
      ],
    });
    expect(followUp.choices[0]?.message.content).toBeTruthy();
  });

  it('accepts images', async () => {
    const pixel =
      'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8/5+hHgAHggJ/PchI7wAAAABJRU5ErkJggg==';
    const result = await harness.client.chat.completions.create({
      model: 'haiku',
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'What is this?' },
            { type: 'image_url', image_url: { url: pixel } },
          ],
        },
      ],
    });
    expect(result.choices[0]?.message.content).toBeTruthy();
    const body = harness.emulator.requests.at(-1)?.body as {
      messages: Array<{ content: Array<Record<string, unknown>> }>;
    };
    expect(body.messages[0]?.content.some((block) => 'image' in block)).toBe(true);
  });

  it('falls back to the next model on a retryable upstream error before any content', async () => {
    harness.emulator.inject({
      type: 'throttling',
      modelId: 'anthropic.claude-3-haiku-20240307-v1:0',
      times: 1,
    });
    const { data, response } = await harness.client.chat.completions
      .create({ model: 'haiku', messages: [{ role: 'user', content: 'hi' }] })
      .withResponse();
    expect(data.model).toBe('local');
    expect(response.headers.get('x-llmrouter-fallback-from')).toBe('haiku');
    harness.emulator.clearFaults();
  });

  it('maps upstream errors to OpenAI errors with the hint', async () => {
    harness.emulator.inject({
      type: 'access-denied',
      modelId: 'us.anthropic.claude-sonnet-4-5-20250929-v1:0',
    });
    harness.upstream.options.failWithStatus = 503;
    let caught: unknown;
    try {
      await harness.client.chat.completions.create({
        model: 'sonnet',
        messages: [{ role: 'user', content: 'hi' }],
      });
    } catch (error) {
      caught = error;
    }
    harness.emulator.clearFaults();
    delete harness.upstream.options.failWithStatus;
    expect(caught).toBeInstanceOf(APIError);
    const error = caught as APIError;
    expect(error.status).toBe(502);
    expect(error.code).toBe('all_targets_failed');
    const body = error.error as { hint?: string; attempts?: Array<{ model: string; code: string }> };
    expect(body.hint).toBeTruthy();
    expect(body.attempts?.map((attempt) => attempt.code)).toEqual([
      'model_access_denied',
      'provider_unavailable',
    ]);
  });

  it('rejects a malformed body with a 400 naming the field', async () => {
    const response = await fetch(`${harness.gateway.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'haiku', messages: [{ role: 'bot', content: 'hi' }] }),
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as {
      error: { code: string; param: string; type: string; hint: string };
    };
    expect(body.error.code).toBe('request_invalid');
    expect(body.error.param).toBe('messages[0].role');
    expect(body.error.type).toBe('invalid_request_error');
    expect(body.error.hint).toContain('messages');
  });

  it('logs one JSON line per request with model, provider, region, tokens, cost and status', () => {
    const line = harness.logLines.find((entry) => entry.model === 'haiku' && entry.status === 200);
    expect(line).toMatchObject({ provider: 'bedrock', region: 'us-east-1', path: '/v1/chat/completions' });
    expect(line?.inputTokens).toBeGreaterThan(0);
    expect(line?.costUsd).toBeGreaterThan(0);
    expect(JSON.stringify(harness.logLines)).not.toContain('sk-loopback-test-key');
    expect(JSON.stringify(harness.logLines)).not.toContain('emulator-test-secret');
  });
});
