import type { BedrockEmulator } from '@llmrouter/bedrock-emulator';
import type { ChatRequestV1 } from '@llmrouter/core';
import { caughtError, collectStream } from '@llmrouter/core/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createBedrockProvider } from './bedrock-provider';
import { BEDROCK_INTERNALS } from './bedrock-sdk';
import {
  type AwsSandbox,
  emulatorProvider,
  HAIKU,
  sandboxAwsEnvironment,
  startEmulator,
  TEST_KEYS,
} from './bedrock-test-support';

const SONNET_45 = 'anthropic.claude-sonnet-4-5-20250929-v1:0';
const ask = (text: string, extra: Partial<ChatRequestV1> = {}): ChatRequestV1 => ({
  messages: [{ role: 'user', content: [{ type: 'text', text }] }],
  maxTokens: 48,
  ...extra,
});
const weather = {
  name: 'get_weather',
  description: 'Current weather for a city',
  parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
};

let emulator: BedrockEmulator;
let sandbox: AwsSandbox;
beforeAll(async () => {
  sandbox = sandboxAwsEnvironment();
  emulator = await startEmulator();
});
afterAll(async () => {
  await emulator.close();
  sandbox.restore();
});
beforeEach(() => emulator.reset());

const body = (index = -1) => emulator.requests.at(index)?.body as Record<string, unknown>;

describe('on-demand throughput → inference profile', () => {
  it('retries once with the region profile, records it, and goes straight there next time', async () => {
    const model = emulatorProvider(emulator).chatModel(SONNET_45);
    const first = await model.generate(ask('Hi'));
    expect(emulator.requests.map((request) => request.modelId)).toEqual([SONNET_45, `us.${SONNET_45}`]);
    expect(first.modelId).toBe(`us.${SONNET_45}`);
    expect(first.providerMetadata.bedrock).toMatchObject({
      inferenceProfile: `us.${SONNET_45}`,
      retriedWithInferenceProfile: true,
      region: 'us-east-1',
    });
    const second = await collectStream(model.stream(ask('Hi')));
    expect(emulator.requests.map((request) => request.modelId)).toEqual([
      SONNET_45,
      `us.${SONNET_45}`,
      `us.${SONNET_45}`,
    ]);
    expect(second.parts[0]).toMatchObject({
      type: 'start',
      modelId: `us.${SONNET_45}`,
      providerMetadata: { bedrock: { retriedWithInferenceProfile: false } },
    });
  });

  it('uses the profile of the model region (eu., jp.) in streams too', async () => {
    const eu = await collectStream(
      emulatorProvider(emulator).chatModel(SONNET_45, { region: 'eu-west-1' }).stream(ask('Hi')),
    );
    expect(eu.parts[0]).toMatchObject({
      modelId: `eu.${SONNET_45}`,
      providerMetadata: { bedrock: { retriedWithInferenceProfile: true } },
    });
    const jp = await emulatorProvider(emulator)
      .chatModel(SONNET_45, { region: 'ap-northeast-1' })
      .generate(ask('Hi'));
    expect(jp.modelId).toBe(`jp.${SONNET_45}`);
  });

  it('with inferenceProfileFallback off, the error names the profile id to use', async () => {
    const error = await caughtError(
      emulatorProvider(emulator, { inferenceProfileFallback: false })
        .chatModel(SONNET_45)
        .generate(ask('Hi')),
    );
    expect(error.code).toBe('model_requires_inference_profile');
    expect(error.hint).toContain(`us.${SONNET_45}`);
    expect(emulator.requests).toHaveLength(1);
  });
});

describe('ARNs', () => {
  it('calls a Bedrock Marketplace model by its SageMaker endpoint ARN, as sent', async () => {
    const endpoint = 'arn:aws:sagemaker:us-east-1:123456789012:endpoint/my-marketplace-endpoint';
    const model = emulatorProvider(emulator).chatModel(endpoint);
    const answer = await model.generate(ask('Hi'));
    expect(answer.text.length).toBeGreaterThan(0);
    const streamed = await collectStream(model.stream(ask('Hi')));
    expect(streamed.text.length).toBeGreaterThan(0);
    // No inference-profile rewrite and no retry: the endpoint is called as configured.
    expect(emulator.requests.map((request) => request.modelId)).toEqual([endpoint, endpoint]);
  });
});

describe('tools, images, caching, reasoning and pass-through', () => {
  it('sends tools and tool results as toolConfig/toolUse/toolResult, and tool history without tools as text', async () => {
    const model = emulatorProvider(emulator).chatModel(HAIKU);
    const call = await model.generate(
      ask('Weather in Paris?', { tools: [weather], toolChoice: { type: 'tool', name: 'get_weather' } }),
    );
    expect(call.finishReason).toBe('tool-calls');
    const toolCall = call.toolCalls[0]!;
    expect(body()).toMatchObject({ toolConfig: { toolChoice: { tool: { name: 'get_weather' } } } });
    const history: ChatRequestV1['messages'] = [
      ...ask('Weather in Paris?').messages,
      { role: 'assistant', content: [], toolCalls: [toolCall] },
      { role: 'tool', toolCallId: toolCall.id, content: '{"celsius":18}' },
    ];
    const answer = await model.generate({ messages: history, tools: [weather], maxTokens: 48 });
    expect(answer.text.length).toBeGreaterThan(0);
    expect(JSON.stringify(body())).toContain('"toolResult"');
    await model.generate({ messages: history, maxTokens: 48 });
    expect(body().toolConfig).toBeUndefined();
    expect(JSON.stringify(body())).not.toContain('toolUse');
    expect(JSON.stringify(body())).toContain('get_weather');
  });

  it('streams tool-call deltas that reassemble to JSON arguments', async () => {
    const streamed = await collectStream(
      emulatorProvider(emulator)
        .chatModel(HAIKU)
        .stream(ask('Weather in Paris?', { tools: [weather], toolChoice: 'required' })),
    );
    expect(streamed.toolCalls[0]?.name).toBe('get_weather');
    expect(JSON.parse(streamed.toolCalls[0]?.arguments ?? '')).toEqual(expect.any(Object));
  });

  it('sends images as bytes, and warns for a model without image input', async () => {
    const png = Buffer.from('89504e470d0a1a0a', 'hex').toString('base64');
    const request: ChatRequestV1 = {
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Describe it' },
            { type: 'image', source: { type: 'base64', mediaType: 'image/png', data: png } },
          ],
        },
      ],
      maxTokens: 32,
    };
    await emulatorProvider(emulator).chatModel(HAIKU).generate(request);
    expect(JSON.stringify(body())).toContain(png);
    const titan = await emulatorProvider(emulator)
      .chatModel('amazon.titan-text-express-v1')
      .generate(request);
    expect(titan.warnings).toContainEqual(expect.objectContaining({ setting: 'images' }));
  });

  it('sends cache points where the model caches prompts and reports cache tokens; warns elsewhere', async () => {
    const request: ChatRequestV1 = {
      messages: [
        { role: 'system', content: 'A long shared policy document. '.repeat(20), cachePoint: true },
        ...ask('Question').messages,
      ],
      maxTokens: 32,
    };
    const nova = emulatorProvider(emulator).chatModel('amazon.nova-pro-v1:0');
    const write = await nova.generate(request);
    const read = await nova.generate(request);
    expect(JSON.stringify(body())).toContain('cachePoint');
    expect(write.usage.cacheWriteTokens + read.usage.cacheReadTokens).toBeGreaterThan(0);
    expect(read.usage.totalTokens).toBe(
      read.usage.inputTokens +
        read.usage.outputTokens +
        read.usage.cacheReadTokens +
        read.usage.cacheWriteTokens,
    );
    const haiku = await emulatorProvider(emulator).chatModel(HAIKU).generate(request);
    expect(JSON.stringify(body())).not.toContain('cachePoint');
    expect(haiku.warnings).toContainEqual(expect.objectContaining({ setting: 'cachePoint' }));
  });

  it('passes additionalModelRequestFields through and streams reasoning deltas', async () => {
    const model = emulatorProvider(emulator).chatModel('us.anthropic.claude-3-7-sonnet-20250219-v1:0');
    const request = ask('Think first.', {
      maxTokens: 2048,
      providerOptions: {
        bedrock: { additionalModelRequestFields: { thinking: { type: 'enabled', budget_tokens: 1024 } } },
      },
    });
    const result = await model.generate(request);
    expect(body().additionalModelRequestFields).toEqual({
      thinking: { type: 'enabled', budget_tokens: 1024 },
    });
    expect(result.reasoning?.length).toBeGreaterThan(0);
    const streamed = await collectStream(model.stream(request));
    expect(streamed.reasoning).toBe(result.reasoning);
    expect(streamed.parts.some((part) => part.type === 'reasoning-delta')).toBe(true);
  });

  it('warns about settings Converse cannot honour instead of dropping them silently', async () => {
    const result = await emulatorProvider(emulator)
      .chatModel(HAIKU)
      .generate(
        ask('Hi', {
          seed: 7,
          responseFormat: { type: 'json' },
          tools: [weather],
          toolChoice: 'none',
          providerOptions: { bedrock: { topK: 5 } },
        }),
      );
    const settings = result.warnings.map((warning) =>
      warning.type === 'unsupported-setting' ? warning.setting : warning.message,
    );
    expect(settings).toEqual(
      expect.arrayContaining(['seed', 'responseFormat', 'toolChoice', 'providerOptions.bedrock.topK']),
    );
    expect(body().toolConfig).toBeUndefined();
  });
});

describe('timeouts, retries and failures mid-stream', () => {
  it('connects through the connect-timeout path on both handlers', async () => {
    for (const httpHandler of ['http2', 'http1'] as const) {
      const result = await emulatorProvider(emulator, { httpHandler, connectTimeoutMs: 2000 })
        .chatModel(HAIKU)
        .generate(ask('Hi'));
      expect(result.text.length).toBeGreaterThan(0);
      expect(emulator.requests.at(-1)?.httpVersion).toBe(httpHandler === 'http2' ? '2.0' : '1.1');
    }
  });

  /** The client ports of two generate calls, then of two streamed ones, made one after another. */
  async function connectionPorts(provider: ReturnType<typeof createBedrockProvider>): Promise<number[]> {
    const model = provider.chatModel(HAIKU);
    const ports: number[] = [];
    for (const text of ['one', 'two']) {
      await model.generate(ask(text));
      ports.push(emulator.requests.at(-1)?.clientPort ?? -1);
    }
    for (const text of ['three', 'four']) {
      for await (const _part of model.stream(ask(text))) {
        // drained: the stream ends before the next call starts
      }
      ports.push(emulator.requests.at(-1)?.clientPort ?? -1);
    }
    return ports;
  }

  it('reuses one keep-alive HTTP/1.1 connection for every call by default, streams included', async () => {
    // Not emulatorProvider, which names a handler: this is the provider's default.
    const ports = await connectionPorts(
      createBedrockProvider({ region: 'us-east-1', endpoint: emulator.url, maxRetries: 0, ...TEST_KEYS }),
    );
    expect(emulator.requests.at(-1)?.httpVersion).toBe('1.1');
    expect(new Set(ports).size).toBe(1);
  });

  it('on HTTP/2 shares one session between generate calls and gives each stream its own', async () => {
    const ports = await connectionPorts(emulatorProvider(emulator, { httpHandler: 'http2' }));
    expect(emulator.requests.at(-1)?.httpVersion).toBe('2.0');
    expect(ports[1]).toBe(ports[0]);
    expect(new Set(ports).size).toBe(3);
  });

  it('a slow first byte fails with provider_timeout naming firstByteTimeoutMs', async () => {
    emulator.inject({ type: 'slow', delayMs: 2000 });
    const error = await caughtError(
      emulatorProvider(emulator, { firstByteTimeoutMs: 100 }).chatModel(HAIKU).generate(ask('Hi')),
    );
    expect(error.code).toBe('provider_timeout');
    expect(error.hint).toContain('firstByteTimeoutMs');
  });

  it('a stream that outlasts timeoutMs fails with provider_timeout naming timeoutMs', async () => {
    const slow = await startEmulator({ tokensPerSecond: 20 });
    try {
      const parts: string[] = [];
      const error = await caughtError(
        (async () => {
          for await (const part of emulatorProvider(slow, { timeoutMs: 300 })
            .chatModel(HAIKU)
            .stream(ask('Hi')))
            parts.push(part.type);
        })(),
      );
      expect(error.code).toBe('provider_timeout');
      expect(error.hint).toContain('timeoutMs');
      expect(parts[0]).toBe('start');
      expect(parts).not.toContain('finish');
    } finally {
      await slow.close();
    }
  });

  it('retries throttling up to maxRetries, and reports retry-after when it gives up', async () => {
    emulator.inject({ type: 'throttling', times: 2 });
    const result = await emulatorProvider(emulator, { maxRetries: 2 }).chatModel(HAIKU).generate(ask('Hi'));
    expect(result.text.length).toBeGreaterThan(0);
    expect(emulator.requests).toHaveLength(3);
    emulator.inject({ type: 'throttling', retryAfterSeconds: 3, times: 1 });
    const error = await caughtError(emulatorProvider(emulator).chatModel(HAIKU).generate(ask('Hi')));
    expect(error).toMatchObject({ code: 'provider_rate_limited', retryable: true, retryAfterMs: 3000 });
  });

  it('an exception event mid-stream throws provider_stream_interrupted after the text so far, never a finish', async () => {
    const faults = [
      { type: 'stream-exception', afterEvents: 4 },
      { type: 'drop-connection', afterEvents: 4 },
    ] as const;
    for (const [fault, httpHandler] of faults.flatMap((item) =>
      (['http2', 'http1'] as const).map((handler) => [item, handler] as const),
    )) {
      emulator.inject({ ...fault, times: 1 });
      const seen: string[] = [];
      const error = await caughtError(
        (async () => {
          for await (const part of emulatorProvider(emulator, { httpHandler })
            .chatModel(HAIKU)
            .stream(ask('Hi')))
            seen.push(part.type);
        })(),
      );
      expect(error.code).toBe('provider_stream_interrupted');
      expect(seen).toContain('start');
      expect(seen).not.toContain('finish');
    }
  });

  it('aborting a slow generate rejects with aborted', async () => {
    emulator.inject({ type: 'slow', delayMs: 2000 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const error = await caughtError(
      emulatorProvider(emulator).chatModel(HAIKU).generate(ask('Hi'), { signal: controller.signal }),
    );
    expect(error.code).toBe('aborted');
  });
});

describe('SDK loading and logging', () => {
  it('maps a missing AWS SDK to provider_sdk_missing with the install command', async () => {
    const importModule = async (specifier: string) => {
      throw Object.assign(new Error(`Cannot find package '${specifier}'`), { code: 'ERR_MODULE_NOT_FOUND' });
    };
    const provider = createBedrockProvider({
      region: 'us-east-1',
      ...TEST_KEYS,
      [BEDROCK_INTERNALS]: { importModule },
    } as never);
    const error = await caughtError(provider.chatModel(HAIKU).generate(ask('Hi')));
    expect(error.code).toBe('provider_sdk_missing');
    expect(error.hint).toContain('npm install @aws-sdk/client-bedrock-runtime');
    const streamError = await caughtError(collectStream(provider.chatModel(HAIKU).stream(ask('Hi'))));
    expect(streamError.code).toBe('provider_sdk_missing');
  });

  it('logs one debug line per call with model, region, tokens, latency and request id, and no secret', async () => {
    const lines: Array<{ message: string; fields: Record<string, unknown> }> = [];
    const apiKey = 'ABSKbG9nLXRlc3QtYXBpLWtleS12YWx1ZS0wMDAx';
    const logger = {
      debug: (message: string, fields: Record<string, unknown>) => lines.push({ message, fields }),
    };
    const keyed = emulatorProvider(emulator, { logger });
    await keyed.chatModel(HAIKU).generate(ask('Hi'));
    await collectStream(keyed.chatModel(HAIKU).stream(ask('Hi')));
    await collectStream(
      createBedrockProvider({ region: 'us-east-1', endpoint: emulator.url, apiKey, logger })
        .chatModel(HAIKU)
        .stream(ask('Hi')),
    );
    expect(lines).toHaveLength(3);
    for (const { fields } of lines) {
      expect(fields).toMatchObject({
        modelId: HAIKU,
        region: 'us-east-1',
        inputTokens: expect.any(Number),
        outputTokens: expect.any(Number),
        latencyMs: expect.any(Number),
        requestId: expect.any(String),
      });
    }
    const text = JSON.stringify(lines);
    for (const secret of [TEST_KEYS.secretAccessKey, TEST_KEYS.accessKeyId, apiKey])
      expect(text).not.toContain(secret);
  });
});
