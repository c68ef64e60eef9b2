import { APIError } from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { startTestGateway, type TestGateway } from './gateway-test-harness';

let harness: TestGateway;

beforeAll(async () => {
  harness = await startTestGateway({
    showModelPrefix: true,
    upstream: { chunkDelayMs: 40, answerWords: 40 },
  });
});
afterAll(async () => {
  await harness.close();
});

async function until(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('model prefix', () => {
  it('starts answers with [model-name], in JSON and streamed, never inside tool calls', async () => {
    const json = await harness.client.chat.completions.create({
      model: 'haiku',
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(json.choices[0]?.message.content).toMatch(/^\[haiku\] Emulated reply/);
    const stream = await harness.client.chat.completions.create({
      model: 'haiku',
      messages: [{ role: 'user', content: 'hi' }],
      stream: true,
    });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    expect(text).toBe(json.choices[0]?.message.content);

    const tools = await harness.client.chat.completions.create({
      model: 'haiku',
      messages: [{ role: 'user', content: 'weather in Paris?' }],
      tools: [
        {
          type: 'function',
          function: {
            name: 'get_weather',
            parameters: { type: 'object', properties: { city: { type: 'string' } } },
          },
        },
      ],
      tool_choice: { type: 'function', function: { name: 'get_weather' } },
    });
    const call = tools.choices[0]?.message.tool_calls?.[0];
    expect(call?.type === 'function' && call.function.arguments).not.toContain('[haiku]');
  });

  it('removes its own prefixes from the history it sends upstream', async () => {
    await harness.client.chat.completions.create({
      model: 'local',
      messages: [
        { role: 'user', content: 'hi' },
        { role: 'assistant', content: '[haiku] Hello!' },
        { role: 'user', content: 'again' },
      ],
    });
    const sent = harness.upstream.requests.at(-1)?.body.messages as Array<{ role: string; content: unknown }>;
    expect(JSON.stringify(sent[1]?.content)).toBe('"Hello!"');
  });
});

describe('streams that end badly', () => {
  it('a client that disconnects aborts the upstream call', async () => {
    const before = harness.upstream.abortedStreams;
    const controller = new AbortController();
    const stream = await harness.client.chat.completions.create(
      { model: 'local', messages: [{ role: 'user', content: 'a long answer please' }], stream: true },
      { signal: controller.signal },
    );
    let chunks = 0;
    try {
      for await (const _chunk of stream) {
        chunks += 1;
        if (chunks === 3) controller.abort();
      }
    } catch {
      // The client library may end the iteration or throw on abort; either way it hung up.
    }
    expect(chunks).toBeLessThan(10);
    await until(() => harness.upstream.abortedStreams > before);
    expect(harness.upstream.abortedStreams).toBe(before + 1);
  });

  it('an upstream exception mid-stream reaches the client as an SSE error event, never a normal finish', async () => {
    harness.emulator.inject({
      type: 'stream-exception',
      modelId: 'anthropic.claude-3-haiku-20240307-v1:0',
      afterEvents: 4,
      exception: 'modelStreamErrorException',
    });
    const stream = await harness.client.chat.completions.create({
      model: 'haiku',
      messages: [{ role: 'user', content: 'tell me a story' }],
      stream: true,
    });
    let text = '';
    let caught: unknown;
    try {
      for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    } catch (error) {
      caught = error;
    }
    harness.emulator.clearFaults();
    expect(text.length).toBeGreaterThan(0);
    expect(caught).toBeInstanceOf(APIError);
    expect(String((caught as APIError).message)).toMatch(/stream|interrupted|modelStreamError/i);
    const logged = harness.logLines.filter((line) => line.errorCode === 'provider_stream_interrupted');
    expect(logged.length).toBeGreaterThan(0);
  });
});

describe('WebSocket /v1/chat/ws', () => {
  it('streams answers for several requests on one socket and ends each with done', async () => {
    const socket = new WebSocket(`${harness.gateway.url.replace('http', 'ws')}/v1/chat/ws`);
    const frames: Array<Record<string, unknown>> = [];
    socket.on('message', (data) => frames.push(JSON.parse(data.toString()) as Record<string, unknown>));
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    socket.send(JSON.stringify({ id: 'one', model: 'haiku', message: 'What is machine learning?' }));
    await until(() => frames.some((frame) => frame.id === 'one' && frame.done === true));
    socket.send(
      JSON.stringify({ id: 'two', model: 'auto', messages: [{ role: 'user', content: 'write code' }] }),
    );
    socket.send('not json');
    await until(() => frames.filter((frame) => frame.done === true).length === 3);
    socket.close();

    const one = frames.filter((frame) => frame.id === 'one');
    expect(one[0]).toMatchObject({ type: 'start', model: 'haiku', provider: 'bedrock' });
    const text = one
      .filter((frame) => frame.type === 'delta')
      .map((frame) => frame.content)
      .join('');
    expect(text).toMatch(/^\[haiku\] Emulated reply/);
    expect(one.at(-1)).toMatchObject({ type: 'done', done: true, model: 'haiku', finish_reason: 'stop' });
    expect((one.at(-1)?.usage as { outputTokens?: number } | undefined)?.outputTokens).toBeGreaterThan(0);
    expect(frames.find((frame) => frame.id === 'two' && frame.type === 'start')).toMatchObject({
      model: 'sonnet',
      strategy: 'rules',
    });
    expect(frames.find((frame) => frame.type === 'error')).toMatchObject({
      done: true,
      error: { code: 'request_invalid' },
    });
  });
});
