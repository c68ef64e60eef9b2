import {
  type BedrockRuntimeClient,
  type ContentBlock,
  ConverseCommand,
  type ConverseCommandInput,
  ConverseStreamCommand,
  type ConverseStreamOutput,
  type Message,
} from '@aws-sdk/client-bedrock-runtime';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { BedrockEmulator } from './bedrock-emulator-types.js';
import { caught, createClient, HANDLERS, isolateAwsEnvironment } from './emulator-test-support.js';
import { startBedrockEmulator } from './start-bedrock-emulator.js';

const HAIKU = 'anthropic.claude-3-haiku-20240307-v1:0';
const SONNET_4 = 'us.anthropic.claude-sonnet-4-20250514-v1:0';

let restoreEnvironment: () => void;
let emulator: BedrockEmulator;
const clients: BedrockRuntimeClient[] = [];

beforeAll(async () => {
  restoreEnvironment = isolateAwsEnvironment();
  emulator = await startBedrockEmulator();
});
afterAll(async () => {
  for (const client of clients) client.destroy();
  await emulator.close();
  restoreEnvironment();
});
beforeEach(() => emulator.reset());

const user = (text: string): Message => ({ role: 'user', content: [{ text }] });

function textOf(content: ContentBlock[] | undefined): string {
  return (content ?? []).map((block) => block.text ?? '').join('');
}

async function collect(
  stream: AsyncIterable<ConverseStreamOutput> | undefined,
): Promise<ConverseStreamOutput[]> {
  const events: ConverseStreamOutput[] = [];
  for await (const event of stream ?? []) events.push(event);
  return events;
}

const eventName = (event: ConverseStreamOutput) => Object.keys(event).find((key) => key !== '$unknown') ?? '';

describe.each(HANDLERS)('Converse over %s', (handler) => {
  const client = () => {
    const created = createClient(emulator.url, { handler });
    clients.push(created);
    return created;
  };

  it('answers with the real response shape and records the request', async () => {
    const output = await client().send(
      new ConverseCommand({
        modelId: HAIKU,
        messages: [user('What is Bedrock?')],
        inferenceConfig: { temperature: 0.2, topP: 0.9 },
      }),
    );
    expect(output.output?.message?.role).toBe('assistant');
    expect(textOf(output.output?.message?.content)).toContain(`Emulated reply from ${HAIKU}`);
    expect(output.stopReason).toBe('end_turn');
    expect(output.usage?.inputTokens).toBeGreaterThan(0);
    expect(output.usage?.totalTokens).toBe(
      (output.usage?.inputTokens ?? 0) + (output.usage?.outputTokens ?? 0),
    );
    expect(typeof output.metrics?.latencyMs).toBe('number');
    expect(output.$metadata.requestId).toMatch(/^[0-9a-f-]{36}$/);

    const [recorded] = emulator.requests;
    expect(recorded).toMatchObject({
      operation: 'Converse',
      modelId: HAIKU,
      resolvedModelId: HAIKU,
      region: 'us-east-1',
      httpVersion: handler === 'http2' ? '2.0' : '1.1',
      auth: 'sigv4',
      accessKeyId: 'AKIDEMULATORTEST',
      body: { inferenceConfig: { temperature: 0.2, topP: 0.9 } },
    });
  });

  it('is deterministic and depends on the prompt', async () => {
    const ask = (text: string) =>
      client().send(new ConverseCommand({ modelId: HAIKU, messages: [user(text)] }));
    const first = textOf((await ask('same question')).output?.message?.content);
    const again = textOf((await ask('same question')).output?.message?.content);
    const other = textOf((await ask('another question')).output?.message?.content);
    expect(again).toBe(first);
    expect(other).not.toBe(first);
  });

  it('honours maxTokens and stop sequences', async () => {
    const limited = await client().send(
      new ConverseCommand({
        modelId: HAIKU,
        messages: [user('long please')],
        inferenceConfig: { maxTokens: 5 },
      }),
    );
    expect(limited.stopReason).toBe('max_tokens');
    expect(limited.usage?.outputTokens).toBe(5);
    expect(textOf(limited.output?.message?.content).split(/\s+/)).toHaveLength(5);

    const stopped = await client().send(
      new ConverseCommand({
        modelId: HAIKU,
        messages: [user('long please')],
        inferenceConfig: { stopSequences: ['reply'] },
      }),
    );
    expect(stopped.stopReason).toBe('stop_sequence');
    expect(textOf(stopped.output?.message?.content)).toBe('Emulated ');
  });

  it('reflects the system prompt', async () => {
    const output = await client().send(
      new ConverseCommand({
        modelId: SONNET_4,
        system: [{ text: 'You are a pirate.' }],
        messages: [user('Hi')],
      }),
    );
    expect(textOf(output.output?.message?.content)).toContain('System prompt: “You are a pirate.”');
  });

  it('streams the same text in the real event order', async () => {
    const input: ConverseCommandInput = { modelId: SONNET_4, messages: [user('Stream this')] };
    const whole = await client().send(new ConverseCommand(input));
    const events = await collect((await client().send(new ConverseStreamCommand(input))).stream);
    const names = events.map(eventName);
    expect(names[0]).toBe('messageStart');
    expect(names.slice(-3)).toEqual(['contentBlockStop', 'messageStop', 'metadata']);
    expect(new Set(names.slice(1, -3))).toEqual(new Set(['contentBlockDelta']));
    const streamed = events.map((event) => event.contentBlockDelta?.delta?.text ?? '').join('');
    expect(streamed).toBe(textOf(whole.output?.message?.content));
    expect(events.at(-2)?.messageStop?.stopReason).toBe('end_turn');
    expect(events.at(-1)?.metadata?.usage).toEqual(whole.usage);
  });

  it('calls a tool with input built from its schema, then answers its result', async () => {
    const toolConfig = {
      tools: [
        {
          toolSpec: {
            name: 'get_weather',
            description: 'Weather for a city',
            inputSchema: {
              json: {
                type: 'object',
                properties: {
                  city: { type: 'string' },
                  unit: { enum: ['celsius', 'fahrenheit'] },
                  days: { type: 'integer' },
                },
                required: ['city', 'unit'],
              },
            },
          },
        },
      ],
    };
    const question = user('Use the get_weather tool: what is the weather in Paris?');
    const first = await client().send(
      new ConverseCommand({ modelId: HAIKU, messages: [question], toolConfig }),
    );
    expect(first.stopReason).toBe('tool_use');
    const toolUse = first.output?.message?.content?.find((block) => block.toolUse)?.toolUse;
    expect(toolUse?.name).toBe('get_weather');
    expect(toolUse?.input).toEqual({ city: 'Paris', unit: 'celsius' });
    expect(toolUse?.toolUseId).toMatch(/^tooluse_[0-9A-Za-z]{22}$/);

    const followUp = await client().send(
      new ConverseCommand({
        modelId: HAIKU,
        toolConfig,
        messages: [
          question,
          { role: 'assistant', content: first.output?.message?.content ?? [] },
          {
            role: 'user',
            content: [
              { toolResult: { toolUseId: toolUse?.toolUseId, content: [{ json: { temperature: 21 } }] } },
            ],
          },
        ],
      }),
    );
    expect(followUp.stopReason).toBe('end_turn');

    const forced = await client().send(
      new ConverseCommand({
        modelId: 'amazon.nova-pro-v1:0',
        messages: [user('Hello there')],
        toolConfig: { ...toolConfig, toolChoice: { tool: { name: 'get_weather' } } },
      }),
    );
    expect(forced.stopReason).toBe('tool_use');
    expect(forced.output?.message?.content?.[0]?.toolUse?.name).toBe('get_weather');
  });

  it('streams tool use as start, input deltas and stop', async () => {
    const events = await collect(
      (
        await client().send(
          new ConverseStreamCommand({
            modelId: 'amazon.nova-lite-v1:0',
            messages: [user('Find "blue whales"')],
            toolConfig: {
              tools: [
                {
                  toolSpec: {
                    name: 'search',
                    inputSchema: {
                      json: {
                        type: 'object',
                        properties: { query: { type: 'string' } },
                        required: ['query'],
                      },
                    },
                  },
                },
              ],
              toolChoice: { any: {} },
            },
          }),
        )
      ).stream,
    );
    expect(events.map(eventName)[1]).toBe('contentBlockStart');
    expect(events[1]?.contentBlockStart?.start?.toolUse?.name).toBe('search');
    const input = events.map((event) => event.contentBlockDelta?.delta?.toolUse?.input ?? '').join('');
    expect(JSON.parse(input)).toEqual({ query: 'blue whales' });
    expect(events.find((event) => event.messageStop)?.messageStop?.stopReason).toBe('tool_use');
  });

  it('returns reasoning content when thinking is enabled', async () => {
    const output = await client().send(
      new ConverseCommand({
        modelId: 'us.anthropic.claude-3-7-sonnet-20250219-v1:0',
        messages: [user('Think first')],
        additionalModelRequestFields: { thinking: { type: 'enabled', budget_tokens: 1024 } },
      }),
    );
    const reasoning = output.output?.message?.content?.[0]?.reasoningContent?.reasoningText;
    expect(reasoning?.text).toContain('Think first');
    expect(reasoning?.signature).toBeTruthy();

    const events = await collect(
      (
        await client().send(
          new ConverseStreamCommand({ modelId: 'us.deepseek.r1-v1:0', messages: [user('Why?')] }),
        )
      ).stream,
    );
    expect(events.some((event) => event.contentBlockDelta?.delta?.reasoningContent?.text)).toBe(true);
  });

  it('reports prompt-cache writes, then reads of the same prefix', async () => {
    const input: ConverseCommandInput = {
      modelId: SONNET_4,
      system: [
        { text: 'A long and stable system prompt worth caching across calls.' },
        { cachePoint: { type: 'default' } },
      ],
      messages: [user('First question')],
    };
    const first = await client().send(new ConverseCommand(input));
    const second = await client().send(
      new ConverseCommand({ ...input, messages: [user('Second question')] }),
    );
    expect(first.usage?.cacheWriteInputTokens).toBeGreaterThan(0);
    expect(first.usage?.cacheReadInputTokens).toBe(0);
    expect(second.usage?.cacheReadInputTokens).toBe(first.usage?.cacheWriteInputTokens);
    expect(second.usage?.cacheWriteInputTokens).toBe(0);
  });
});

describe('Converse validation', () => {
  const client = () => {
    const created = createClient(emulator.url);
    clients.push(created);
    return created;
  };
  const cases: Array<[string, ConverseCommandInput, string, string]> = [
    [
      'a blank text block',
      {
        modelId: HAIKU,
        messages: [user('Hi'), { role: 'assistant', content: [{ text: '  ' }] }, user('Again')],
      },
      'ValidationException',
      'The text field in the ContentBlock object at messages.1.content.0 is blank. Add text to the text field, and try again.',
    ],
    [
      'tool history without toolConfig',
      {
        modelId: HAIKU,
        messages: [
          user('Hi'),
          { role: 'assistant', content: [{ toolUse: { toolUseId: 't1', name: 'lookup', input: {} } }] },
          { role: 'user', content: [{ toolResult: { toolUseId: 't1', content: [{ text: 'done' }] } }] },
        ],
      },
      'ValidationException',
      'The toolConfig field must be defined when using toolUse and toolResult content blocks.',
    ],
    [
      'a system prompt for Titan Text',
      { modelId: 'amazon.titan-text-express-v1', system: [{ text: 'Be brief' }], messages: [user('Hi')] },
      'ValidationException',
      "This model doesn't support system messages. Try again without a system message or use a model that supports system messages.",
    ],
    [
      'Converse on an embedding model',
      { modelId: 'amazon.titan-embed-text-v2:0', messages: [user('Hi')] },
      'ValidationException',
      "This action doesn't support the model that you provided. Try again with a supported text or chat model.",
    ],
    [
      'a conversation that starts with the assistant',
      { modelId: HAIKU, messages: [{ role: 'assistant', content: [{ text: 'Hello' }] }] },
      'ValidationException',
      'A conversation must start with a user message. Try again with a conversation that starts with a user message.',
    ],
    [
      'two user turns in a row',
      { modelId: HAIKU, messages: [user('a'), user('b')] },
      'ValidationException',
      'A conversation must alternate between user and assistant roles. Make sure the conversation alternates between user and assistant roles and try again.',
    ],
    [
      'a cache point for a model without prompt caching',
      {
        modelId: HAIKU,
        messages: [{ role: 'user', content: [{ text: 'Hi' }, { cachePoint: { type: 'default' } }] }],
      },
      'AccessDeniedException',
      'You invoked an unsupported model or your request did not allow prompt caching. See the documentation for more information.',
    ],
  ];
  it.each(cases)('rejects %s', async (_label, input, name, message) => {
    const error = await caught(client().send(new ConverseCommand(input)));
    expect(error.name).toBe(name);
    expect(error.message).toBe(message);
  });
});

describe('Converse auth', () => {
  it('accepts a Bedrock API key as a bearer token over both handlers', async () => {
    for (const handler of HANDLERS) {
      const client = createClient(emulator.url, { handler, bearerToken: 'bedrock-api-key-test' });
      clients.push(client);
      const output = await client.send(new ConverseCommand({ modelId: HAIKU, messages: [user('Hi')] }));
      expect(output.stopReason).toBe('end_turn');
    }
    expect(emulator.requests.map((request) => request.auth)).toEqual(['bearer', 'bearer']);
    expect(emulator.requests[0]?.headers.authorization).toBe('Bearer bedrock-api-key-test');
  });

  it('takes the region from the SigV4 credential scope', async () => {
    const client = createClient(emulator.url, { region: 'eu-west-1' });
    clients.push(client);
    await client.send(
      new ConverseCommand({ modelId: 'eu.anthropic.claude-sonnet-4-20250514-v1:0', messages: [user('Hi')] }),
    );
    expect(emulator.requests[0]?.region).toBe('eu-west-1');
    const error = await caught(
      client.send(
        new ConverseCommand({
          modelId: 'us.anthropic.claude-sonnet-4-20250514-v1:0',
          messages: [user('Hi')],
        }),
      ),
    );
    expect(error.message).toBe('The provided model identifier is invalid.');
  });
});

describe('Converse recordings', () => {
  it('keeps only the latest keepRequests requests, in the array callers already hold', async () => {
    const small = await startBedrockEmulator({ keepRequests: 2 });
    const client = createClient(small.url);
    clients.push(client);
    try {
      const held = small.requests;
      for (const text of ['one', 'two', 'three'])
        await client.send(new ConverseCommand({ modelId: HAIKU, messages: [user(text)] }));
      const texts = held.map(
        (request) => (request.body as { messages: Message[] }).messages[0]?.content?.[0]?.text,
      );
      expect(texts).toEqual(['two', 'three']);
      expect(small.requests).toBe(held);
    } finally {
      await small.close();
    }
  });
});
