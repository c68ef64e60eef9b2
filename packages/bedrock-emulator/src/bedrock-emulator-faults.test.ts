import {
  type BedrockRuntimeClient,
  ConverseCommand,
  ConverseStreamCommand,
  type ConverseStreamOutput,
  InvokeModelCommand,
  InvokeModelWithResponseStreamCommand,
} from '@aws-sdk/client-bedrock-runtime';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { BedrockEmulator, Fault, StreamExceptionName } from './bedrock-emulator-types.js';
import {
  caught,
  createClient,
  HANDLERS,
  type HandlerKind,
  isolateAwsEnvironment,
} from './emulator-test-support.js';
import { startBedrockEmulator } from './start-bedrock-emulator.js';

const HAIKU = 'anthropic.claude-3-haiku-20240307-v1:0';
const messages = [{ role: 'user' as const, content: [{ text: 'Hello' }] }];

let restoreEnvironment: () => void;
let emulator: BedrockEmulator;
const clients = new Map<HandlerKind, BedrockRuntimeClient>();
const extraClients: BedrockRuntimeClient[] = [];

beforeAll(async () => {
  restoreEnvironment = isolateAwsEnvironment();
  emulator = await startBedrockEmulator();
  for (const handler of HANDLERS) clients.set(handler, createClient(emulator.url, { handler }));
});
afterAll(async () => {
  for (const client of [...clients.values(), ...extraClients]) client.destroy();
  await emulator.close();
  restoreEnvironment();
});
beforeEach(() => emulator.reset());

function client(
  handler: HandlerKind,
  options: Parameters<typeof createClient>[1] = {},
): BedrockRuntimeClient {
  if (Object.keys(options).length === 0) return clients.get(handler) as BedrockRuntimeClient;
  const created = createClient(emulator.url, { handler, ...options });
  extraClients.push(created);
  return created;
}

async function drain(
  stream: AsyncIterable<ConverseStreamOutput> | undefined,
): Promise<ConverseStreamOutput[]> {
  const events: ConverseStreamOutput[] = [];
  for await (const event of stream ?? []) events.push(event);
  return events;
}

const ERROR_FAULTS: Array<[Fault, string, number, string]> = [
  [{ type: 'throttling' }, 'ThrottlingException', 429, 'Too many requests, please wait before trying again.'],
  [
    { type: 'access-denied' },
    'AccessDeniedException',
    403,
    "You don't have access to the model with the specified model ID.",
  ],
  [{ type: 'invalid-model' }, 'ValidationException', 400, 'The provided model identifier is invalid.'],
  [
    { type: 'on-demand-unsupported' },
    'ValidationException',
    400,
    `Invocation of model ID ${HAIKU} with on-demand throughput isn’t supported. Retry your request with the ID or ARN of an inference profile that contains this model.`,
  ],
  [{ type: 'region-unavailable' }, 'ValidationException', 400, 'The provided model identifier is invalid.'],
  [
    { type: 'expired-token' },
    'ExpiredTokenException',
    403,
    'The security token included in the request is expired',
  ],
  [
    { type: 'invalid-credentials' },
    'UnrecognizedClientException',
    403,
    'The security token included in the request is invalid.',
  ],
  [
    { type: 'model-not-ready' },
    'ModelNotReadyException',
    429,
    expect.stringContaining('not ready') as unknown as string,
  ],
  [
    { type: 'service-unavailable' },
    'ServiceUnavailableException',
    503,
    'Bedrock is unable to process your request.',
  ],
  [
    { type: 'internal-error' },
    'InternalServerException',
    500,
    expect.stringContaining('unexpected error') as unknown as string,
  ],
  [
    { type: 'validation', message: 'Custom validation text.' },
    'ValidationException',
    400,
    'Custom validation text.',
  ],
];

describe.each(HANDLERS)('error faults over %s', (handler) => {
  it.each(ERROR_FAULTS)('%o → %s %i', async (fault, name, status, message) => {
    emulator.inject({ ...fault, times: 2 });
    const sdk = client(handler);
    for (const call of [
      () => sdk.send(new ConverseCommand({ modelId: HAIKU, messages })),
      () => sdk.send(new ConverseStreamCommand({ modelId: HAIKU, messages })),
    ]) {
      const error = await caught(call());
      expect(error.name).toBe(name);
      expect(error.$metadata?.httpStatusCode).toBe(status);
      expect(error.message).toEqual(message);
    }
    // Two uses, then the fault has expired.
    const output = await client(handler).send(new ConverseCommand({ modelId: HAIKU, messages }));
    expect(output.stopReason).toBe('end_turn');
  });
});

describe('fault scoping', () => {
  it('matches by model id (as sent or resolved) and by operation', async () => {
    emulator.inject({
      type: 'access-denied',
      modelId: 'anthropic.claude-sonnet-4-20250514-v1:0',
      operation: 'Converse',
    });
    const http2 = client('http2');
    await expect(http2.send(new ConverseCommand({ modelId: HAIKU, messages }))).resolves.toBeDefined();
    const viaProfile = await caught(
      http2.send(new ConverseCommand({ modelId: 'us.anthropic.claude-sonnet-4-20250514-v1:0', messages })),
    );
    expect(viaProfile.name).toBe('AccessDeniedException');
    const stream = await http2.send(
      new ConverseStreamCommand({ modelId: 'us.anthropic.claude-sonnet-4-20250514-v1:0', messages }),
    );
    expect((await drain(stream.stream)).length).toBeGreaterThan(3);
    emulator.clearFaults();
    await expect(
      http2.send(new ConverseCommand({ modelId: 'us.anthropic.claude-sonnet-4-20250514-v1:0', messages })),
    ).resolves.toBeDefined();
  });

  it('refuses on-demand throughput only for a bare foundation id, so a profile retry passes', async () => {
    emulator.inject({ type: 'on-demand-unsupported', modelId: HAIKU });
    const error = await caught(client('http2').send(new ConverseCommand({ modelId: HAIKU, messages })));
    expect(error.message).toContain('with on-demand throughput isn’t supported');
    const retried = await client('http2').send(new ConverseCommand({ modelId: `us.${HAIKU}`, messages }));
    expect(retried.stopReason).toBe('end_turn');
  });

  it('sends a retry-after header with throttling when asked', async () => {
    emulator.inject({ type: 'throttling', retryAfterSeconds: 7 });
    const response = await fetch(`${emulator.url}/model/${HAIKU}/converse`, {
      method: 'POST',
      headers: { authorization: 'Bearer test', 'content-type': 'application/json' },
      body: JSON.stringify({ messages }),
    });
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('7');
  });
});

describe.each(HANDLERS)('stream and connection faults over %s', (handler) => {
  const exceptions: Array<[StreamExceptionName, string]> = [
    ['modelStreamErrorException', 'ModelStreamErrorException'],
    ['internalServerException', 'InternalServerException'],
    ['throttlingException', 'ThrottlingException'],
    ['validationException', 'ValidationException'],
    ['serviceUnavailableException', 'ServiceUnavailableException'],
  ];

  it.each(exceptions)('%s mid-stream surfaces as %s after the events before it', async (exception, name) => {
    emulator.inject({ type: 'stream-exception', afterEvents: 3, exception, times: 1 });
    const output = await client(handler).send(new ConverseStreamCommand({ modelId: HAIKU, messages }));
    const received: string[] = [];
    const error = await caught(
      (async () => {
        for await (const event of output.stream ?? []) received.push(Object.keys(event)[0] ?? '');
      })(),
    );
    expect(error.name).toBe(name);
    expect(received).toEqual(['messageStart', 'contentBlockDelta', 'contentBlockDelta']);
  });

  it('an exception before the first event fails the call itself', async () => {
    emulator.inject({ type: 'stream-exception', afterEvents: 0, message: 'Model failed early.', times: 1 });
    const error = await caught(client(handler).send(new ConverseStreamCommand({ modelId: HAIKU, messages })));
    expect(error.name).toBe('ModelStreamErrorException');
    expect(error.message).toBe('Model failed early.');
  });

  it('an exception inside InvokeModelWithResponseStream', async () => {
    emulator.inject({ type: 'stream-exception', afterEvents: 2, exception: 'throttlingException', times: 1 });
    const output = await client(handler).send(
      new InvokeModelWithResponseStreamCommand({
        modelId: HAIKU,
        body: JSON.stringify({
          anthropic_version: 'bedrock-2023-05-31',
          max_tokens: 50,
          messages: [{ role: 'user', content: 'Hi' }],
        }),
      }),
    );
    const error = await caught(
      (async () => {
        for await (const _event of output.body ?? []) {
          // drain until the exception
        }
      })(),
    );
    expect(error.name).toBe('ThrottlingException');
  });

  it('drops the connection before any response', async () => {
    emulator.inject({ type: 'drop-connection', times: 1 });
    const error = await caught(client(handler).send(new ConverseCommand({ modelId: HAIKU, messages })));
    expect(error).toBeInstanceOf(Error);
    expect(error.$metadata?.httpStatusCode).toBeUndefined();
    // The emulator keeps serving afterwards.
    await expect(
      client(handler).send(new ConverseCommand({ modelId: HAIKU, messages })),
    ).resolves.toBeDefined();
  });

  it('drops the connection in the middle of a stream', async () => {
    emulator.inject({ type: 'drop-connection', afterEvents: 4, times: 1 });
    const output = await client(handler).send(new ConverseStreamCommand({ modelId: HAIKU, messages }));
    let received = 0;
    const error = await caught(
      (async () => {
        for await (const _event of output.stream ?? []) received++;
      })(),
    );
    expect(error).toBeInstanceOf(Error);
    expect(received).toBeLessThanOrEqual(4);
  });

  it('drops the connection halfway through a JSON body', async () => {
    emulator.inject({ type: 'drop-connection', afterEvents: 1, operation: 'InvokeModel', times: 1 });
    const error = await caught(
      client(handler).send(
        new InvokeModelCommand({
          modelId: 'amazon.titan-embed-text-v2:0',
          body: JSON.stringify({ inputText: 'x' }),
        }),
      ),
    );
    expect(error).toBeInstanceOf(Error);
  });

  it('a slow response can be abandoned by the caller', async () => {
    emulator.inject({ type: 'slow', delayMs: 10_000, times: 1 });
    const error = await caught(
      client(handler).send(new ConverseCommand({ modelId: HAIKU, messages }), {
        abortSignal: AbortSignal.timeout(100),
      }),
    );
    expect(error.name).toMatch(/Abort/);
  });
});

describe.each(HANDLERS)('credentials and model ids over %s', (handler) => {
  it.each([
    [{ accessKeyId: 'EXPIREDKEY123' }, 'ExpiredTokenException'],
    [{ accessKeyId: 'AKIDOK', sessionToken: 'invalid-session' }, 'UnrecognizedClientException'],
    [{ bearerToken: 'expired-api-key' }, 'ExpiredTokenException'],
    [{ bearerToken: 'invalid-api-key' }, 'UnrecognizedClientException'],
  ])('refuses %o with %s', async (options, name) => {
    const error = await caught(
      client(handler, options).send(new ConverseCommand({ modelId: HAIKU, messages })),
    );
    expect(error.name).toBe(name);
    expect(error.$metadata?.httpStatusCode).toBe(403);
  });

  it.each([
    [
      'anthropic.claude-sonnet-4-5-20250929-v1:0',
      'ValidationException',
      400,
      'on-demand throughput isn’t supported',
    ],
    [
      'anthropic.claude-3-opus-20240229-v1:0',
      'ValidationException',
      400,
      'The provided model identifier is invalid.',
    ],
    [
      'anthropic.claude-9-imaginary-v1:0',
      'ValidationException',
      400,
      'The provided model identifier is invalid.',
    ],
    [
      'eu.anthropic.claude-sonnet-4-20250514-v1:0',
      'ValidationException',
      400,
      'The provided model identifier is invalid.',
    ],
    ['anthropic.claude-v2:1', 'ResourceNotFoundException', 404, 'reached the end of its life'],
  ])('refuses %s with %s', async (modelId, name, status, message) => {
    const error = await caught(client(handler).send(new ConverseCommand({ modelId, messages })));
    expect(error.name).toBe(name);
    expect(error.$metadata?.httpStatusCode).toBe(status);
    expect(error.message).toContain(message);
  });

  it.each([
    'global.anthropic.claude-sonnet-4-5-20250929-v1:0',
    'arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-pro-v1:0',
    'arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-opus-4-6-v1',
    'arn:aws:bedrock:us-east-1:123456789012:provisioned-model/abc123def456',
    'arn:aws:bedrock:us-east-1:123456789012:custom-model/amazon.titan-text-express-v1:0:8k/a1b2c3d4e5f6',
    'arn:aws:bedrock:us-east-1:123456789012:imported-model/k1l2m3n4o5p6',
  ])('serves %s', async (modelId) => {
    const output = await client(handler).send(new ConverseCommand({ modelId, messages }));
    expect(output.stopReason).toBe('end_turn');
    expect(emulator.requests.at(-1)?.modelId).toBe(modelId);
  });
});

describe('lifecycle', () => {
  it('close() ends streams in flight and open sessions promptly', async () => {
    const slow = await startBedrockEmulator({ tokensPerSecond: 2, replyTokens: 200 });
    const http2 = createClient(slow.url, { handler: 'http2' });
    const http1 = createClient(slow.url, { handler: 'http1' });
    try {
      const streams = await Promise.all(
        [http2, http1].map((sdk) => sdk.send(new ConverseStreamCommand({ modelId: HAIKU, messages }))),
      );
      const drained = streams.map((output) => drain(output.stream).catch((error: unknown) => error));
      await slow.close();
      const outcomes = await Promise.all(drained);
      for (const outcome of outcomes) expect(outcome).toBeInstanceOf(Error);
    } finally {
      http2.destroy();
      http1.destroy();
    }
  });

  it('paces streams without changing their content', async () => {
    const paced = await startBedrockEmulator({ latencyMs: 1, timeToFirstTokenMs: 5, tokensPerSecond: 5000 });
    const sdk = createClient(paced.url);
    try {
      const input = { modelId: HAIKU, messages };
      const whole = await sdk.send(new ConverseCommand(input));
      const events = await drain((await sdk.send(new ConverseStreamCommand(input))).stream);
      const text = events.map((event) => event.contentBlockDelta?.delta?.text ?? '').join('');
      expect(text).toBe(whole.output?.message?.content?.[0]?.text);
      expect(paced.requests[0]?.headers.host).toBe(new URL(paced.url).host);
    } finally {
      sdk.destroy();
      await paced.close();
    }
  });

  it('rejects anonymous requests unless requireAuth is false', async () => {
    const open = await startBedrockEmulator({ requireAuth: false });
    try {
      const response = await fetch(`${open.url}/model/${HAIKU}/converse`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ messages }),
      });
      expect(response.status).toBe(200);
      expect(open.requests[0]?.auth).toBe('none');
    } finally {
      await open.close();
    }
  });
});
