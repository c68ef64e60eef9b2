import { connect } from 'node:http2';
import {
  type BedrockRuntimeClient,
  InvokeModelCommand,
  InvokeModelWithResponseStreamCommand,
} from '@aws-sdk/client-bedrock-runtime';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { BedrockEmulator } from './bedrock-emulator-types.js';
import {
  caught,
  createClient,
  HANDLERS,
  type HandlerKind,
  isolateAwsEnvironment,
} from './emulator-test-support.js';
import { startBedrockEmulator } from './start-bedrock-emulator.js';

let restoreEnvironment: () => void;
let emulator: BedrockEmulator;
const clients = new Map<HandlerKind, BedrockRuntimeClient>();

beforeAll(async () => {
  restoreEnvironment = isolateAwsEnvironment();
  emulator = await startBedrockEmulator();
  for (const handler of HANDLERS) clients.set(handler, createClient(emulator.url, { handler }));
});
afterAll(async () => {
  for (const client of clients.values()) client.destroy();
  await emulator.close();
  restoreEnvironment();
});
beforeEach(() => emulator.reset());

// biome-ignore lint/suspicious/noExplicitAny: the tests read vendor JSON of many shapes
type Json = Record<string, any>;

interface FamilyCase {
  modelId: string;
  body: Json;
  /** Reads the generated text out of the non-streaming response. */
  text: (response: Json) => string;
  /** Reads the text out of one streamed chunk. */
  chunkText: (chunk: Json) => string;
}

const FAMILIES: Record<string, FamilyCase> = {
  'Anthropic Claude': {
    modelId: 'anthropic.claude-3-haiku-20240307-v1:0',
    body: {
      anthropic_version: 'bedrock-2023-05-31',
      max_tokens: 200,
      system: 'Answer briefly.',
      messages: [{ role: 'user', content: 'Hello Claude' }],
    },
    text: (response) => response.content[0].text,
    chunkText: (chunk) => (chunk.type === 'content_block_delta' ? chunk.delta.text : ''),
  },
  'Titan Text': {
    modelId: 'amazon.titan-text-express-v1',
    body: {
      inputText: 'User: Hello Titan\nBot:',
      textGenerationConfig: { maxTokenCount: 200, temperature: 0.5 },
    },
    text: (response) => response.results[0].outputText,
    chunkText: (chunk) => chunk.outputText ?? '',
  },
  'Amazon Nova': {
    modelId: 'amazon.nova-micro-v1:0',
    body: {
      schemaVersion: 'messages-v1',
      messages: [{ role: 'user', content: [{ text: 'Hello Nova' }] }],
      inferenceConfig: { max_new_tokens: 200 },
    },
    text: (response) => response.output.message.content[0].text,
    chunkText: (chunk) => chunk.contentBlockDelta?.delta?.text ?? '',
  },
  'Meta Llama': {
    modelId: 'meta.llama3-8b-instruct-v1:0',
    body: {
      prompt:
        '<|begin_of_text|><|start_header_id|>user<|end_header_id|>\n\nHello Llama<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n',
      max_gen_len: 200,
    },
    text: (response) => response.generation,
    chunkText: (chunk) => chunk.generation ?? '',
  },
  Mistral: {
    modelId: 'mistral.mistral-7b-instruct-v0:2',
    body: { prompt: '<s>[INST] Hello Mistral [/INST]', max_tokens: 200 },
    text: (response) => response.outputs[0].text,
    chunkText: (chunk) => chunk.outputs?.[0]?.text ?? '',
  },
  'Cohere Command R': {
    modelId: 'cohere.command-r-v1:0',
    body: {
      message: 'Hello Cohere',
      chat_history: [
        { role: 'USER', message: 'Earlier' },
        { role: 'CHATBOT', message: 'Yes' },
      ],
    },
    text: (response) => response.text,
    chunkText: (chunk) => (chunk.event_type === 'text-generation' ? chunk.text : ''),
  },
  'AI21 Jamba': {
    modelId: 'ai21.jamba-1-5-mini-v1:0',
    body: { messages: [{ role: 'user', content: 'Hello Jamba' }], max_tokens: 200 },
    text: (response) => response.choices[0].message.content,
    chunkText: (chunk) => chunk.choices?.[0]?.delta?.content ?? '',
  },
  'DeepSeek R1': {
    modelId: 'us.deepseek.r1-v1:0',
    body: { prompt: 'Hello DeepSeek', max_tokens: 200 },
    text: (response) => response.choices[0].text,
    chunkText: (chunk) => chunk.choices?.[0]?.text ?? '',
  },
};

const decode = (bytes: Uint8Array | undefined): Json => JSON.parse(new TextDecoder().decode(bytes));

describe.each(HANDLERS)('InvokeModel over %s', (handler) => {
  const client = () => clients.get(handler) as BedrockRuntimeClient;

  it.each(Object.entries(FAMILIES))(
    '%s: body, token headers and matching stream',
    async (_family, family) => {
      const body = JSON.stringify(family.body);
      const output = await client().send(
        new InvokeModelCommand({
          modelId: family.modelId,
          body,
          contentType: 'application/json',
          accept: 'application/json',
        }),
      );
      expect(output.contentType).toBe('application/json');
      const response = decode(output.body);
      const text = family.text(response);
      expect(text).toContain('Emulated reply from');
      expect(text).toContain(family.modelId.replace(/^us\./, ''));
      expect(emulator.requests[0]).toMatchObject({ operation: 'InvokeModel', body: family.body });

      const stream = await client().send(
        new InvokeModelWithResponseStreamCommand({ modelId: family.modelId, body }),
      );
      const chunks: Json[] = [];
      for await (const event of stream.body ?? []) chunks.push(decode(event.chunk?.bytes));
      expect(chunks.map(family.chunkText).join('')).toBe(text);
      const metrics = chunks.at(-1)?.['amazon-bedrock-invocationMetrics'];
      expect(metrics).toMatchObject({
        inputTokenCount: expect.any(Number),
        outputTokenCount: expect.any(Number),
      });
    },
  );

  it('answers Anthropic with the Messages API response', async () => {
    const { body } = FAMILIES['Anthropic Claude'] as FamilyCase;
    const output = await client().send(
      new InvokeModelCommand({
        modelId: 'anthropic.claude-3-haiku-20240307-v1:0',
        body: JSON.stringify(body),
      }),
    );
    const response = decode(output.body);
    expect(response).toMatchObject({
      type: 'message',
      role: 'assistant',
      model: 'claude-3-haiku-20240307',
      stop_reason: 'end_turn',
    });
    expect(response.id).toMatch(/^msg_bdrk_/);
    expect(response.content[0].text).toContain('System prompt: “Answer briefly.”');
  });

  it('streams Anthropic events in the Messages API order', async () => {
    const { modelId, body } = FAMILIES['Anthropic Claude'] as FamilyCase;
    const stream = await client().send(
      new InvokeModelWithResponseStreamCommand({ modelId, body: JSON.stringify(body) }),
    );
    const types: string[] = [];
    for await (const event of stream.body ?? []) types.push(decode(event.chunk?.bytes).type);
    const distinct = types.filter((type, index) => type !== types[index - 1]);
    expect(distinct).toEqual([
      'message_start',
      'content_block_start',
      'content_block_delta',
      'content_block_stop',
      'message_delta',
      'message_stop',
    ]);
  });

  it('honours max_tokens per family', async () => {
    const output = await client().send(
      new InvokeModelCommand({
        modelId: 'meta.llama3-70b-instruct-v1:0',
        body: JSON.stringify({ prompt: 'Count', max_gen_len: 3 }),
      }),
    );
    expect(decode(output.body)).toMatchObject({ generation_token_count: 3, stop_reason: 'length' });
  });
});

describe('raw wire format', () => {
  const post = (path: string, body: unknown, authorization = 'Bearer wire-test') =>
    fetch(`${emulator.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization },
      body: JSON.stringify(body),
    });

  it('sends the request id, token-count and latency headers', async () => {
    const { body } = FAMILIES['Anthropic Claude'] as FamilyCase;
    const response = await post(
      `/model/${encodeURIComponent('anthropic.claude-3-haiku-20240307-v1:0')}/invoke`,
      body,
    );
    expect(response.status).toBe(200);
    const json = (await response.json()) as Json;
    expect(response.headers.get('x-amzn-requestid')).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$/,
    );
    expect(response.headers.get('x-amzn-bedrock-input-token-count')).toBe(String(json.usage.input_tokens));
    expect(response.headers.get('x-amzn-bedrock-output-token-count')).toBe(String(json.usage.output_tokens));
    expect(Number(response.headers.get('x-amzn-bedrock-invocation-latency'))).toBeGreaterThanOrEqual(0);
  });

  it('writes errors as x-amzn-errortype plus a JSON message', async () => {
    const response = await post(`/model/${encodeURIComponent('anthropic.claude-nope-v1:0')}/converse`, {
      messages: [{ role: 'user', content: [{ text: 'Hi' }] }],
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('x-amzn-errortype')).toBe(
      'ValidationException:http://internal.amazon.com/coral/com.amazon.bedrock/',
    );
    expect(await response.json()).toEqual({ message: 'The provided model identifier is invalid.' });
    const anonymous = await post('/model/amazon.nova-micro-v1%3A0/converse', {}, '');
    expect(anonymous.status).toBe(403);
    expect(anonymous.headers.get('x-amzn-errortype')).toMatch(/^MissingAuthenticationTokenException:/);
    const unknown = await post('/model/amazon.nova-micro-v1%3A0/count-everything', {});
    expect(unknown.status).toBe(404);
  });

  it('multiplexes concurrent HTTP/2 streams on one session', async () => {
    const session = connect(emulator.url);
    try {
      const statuses = await Promise.all(
        Array.from({ length: 6 }, (_, index) => {
          const stream = session.request({
            ':method': 'POST',
            ':path': '/model/amazon.nova-lite-v1%3A0/converse-stream',
            authorization: 'Bearer h2-test',
            'content-type': 'application/json',
          });
          stream.end(
            JSON.stringify({ messages: [{ role: 'user', content: [{ text: `question ${index}` }] }] }),
          );
          return new Promise<[number, number]>((resolve, reject) => {
            let status = 0;
            let bytes = 0;
            stream.on('response', (headers) => {
              status = Number(headers[':status']);
            });
            stream.on('data', (chunk: Buffer) => {
              bytes += chunk.length;
            });
            stream.on('end', () => resolve([status, bytes]));
            stream.on('error', reject);
          });
        }),
      );
      for (const [status, bytes] of statuses) {
        expect(status).toBe(200);
        expect(bytes).toBeGreaterThan(100);
      }
      expect(emulator.requests.map((request) => request.httpVersion)).toEqual(Array(6).fill('2.0'));
    } finally {
      session.close();
    }
  });

  it('decodes ARNs with slashes and colons from the path', async () => {
    const arn = 'arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/a1b2c3d4e5f6';
    const response = await post(`/model/${encodeURIComponent(arn)}/converse`, {
      messages: [{ role: 'user', content: [{ text: 'Hi' }] }],
    });
    expect(response.status).toBe(200);
    expect(emulator.requests[0]).toMatchObject({
      modelId: arn,
      resolvedModelId: 'anthropic.claude-3-haiku-20240307-v1:0',
      auth: 'bearer',
    });
  });
});

describe('embeddings', () => {
  const client = () => clients.get('http2') as BedrockRuntimeClient;
  const embed = async (modelId: string, body: Json) =>
    decode((await client().send(new InvokeModelCommand({ modelId, body: JSON.stringify(body) }))).body);
  const norm = (vector: number[]) => Math.hypot(...vector);

  it('Titan v2 honours dimensions and normalize, deterministically', async () => {
    const first = await embed('amazon.titan-embed-text-v2:0', {
      inputText: 'route me',
      dimensions: 256,
      normalize: true,
    });
    const again = await embed('amazon.titan-embed-text-v2:0', {
      inputText: 'route me',
      dimensions: 256,
      normalize: true,
    });
    expect(first.embedding).toHaveLength(256);
    expect(norm(first.embedding)).toBeCloseTo(1, 5);
    expect(first.embedding).toEqual(again.embedding);
    expect(first.inputTextTokenCount).toBe(2);
    const raw = await embed('amazon.titan-embed-text-v2:0', { inputText: 'route me', normalize: false });
    expect(raw.embedding).toHaveLength(1024);
    expect(Math.abs(norm(raw.embedding) - 1)).toBeGreaterThan(0.01);
    const error = await caught(
      client().send(
        new InvokeModelCommand({
          modelId: 'amazon.titan-embed-text-v2:0',
          body: JSON.stringify({ inputText: 'x', dimensions: 100 }),
        }),
      ),
    );
    expect(error.name).toBe('ValidationException');
    expect(error.message).toContain('#/dimensions: 100 is not a valid enum value');
  });

  it('Titan v1 returns 1536 dimensions', async () => {
    const response = await embed('amazon.titan-embed-text-v1', { inputText: 'hello' });
    expect(response.embedding).toHaveLength(1536);
  });

  it('Cohere Embed returns one normalised vector per text; similar texts are closer', async () => {
    const response = await embed('cohere.embed-english-v3', {
      texts: ['the cat sat', 'the cat sat down', 'quarterly tax filing'],
      input_type: 'search_document',
    });
    expect(response).toMatchObject({
      response_type: 'embeddings_floats',
      texts: ['the cat sat', 'the cat sat down', 'quarterly tax filing'],
    });
    const [cat, catDown, tax] = response.embeddings as number[][];
    const dot = (a: number[] = [], b: number[] = []) =>
      a.reduce((sum, value, index) => sum + value * (b[index] ?? 0), 0);
    expect(norm(cat ?? [])).toBeCloseTo(1, 5);
    expect(dot(cat, catDown)).toBeGreaterThan(dot(cat, tax));
  });

  it('refuses to stream an embedding model', async () => {
    const error = await caught(
      client().send(
        new InvokeModelWithResponseStreamCommand({
          modelId: 'amazon.titan-embed-text-v2:0',
          body: JSON.stringify({ inputText: 'x' }),
        }),
      ),
    );
    expect(error.name).toBe('ValidationException');
  });
});

describe('InvokeModel body validation', () => {
  it('names a missing required key and an extraneous one, as Bedrock does', async () => {
    const client = clients.get('http1') as BedrockRuntimeClient;
    const missing = await caught(
      client.send(
        new InvokeModelCommand({
          modelId: 'anthropic.claude-3-haiku-20240307-v1:0',
          body: JSON.stringify({
            anthropic_version: 'bedrock-2023-05-31',
            messages: [{ role: 'user', content: 'Hi' }],
          }),
        }),
      ),
    );
    expect(missing.message).toBe(
      'Malformed input request: #: required key [max_tokens] not found, please reformat your input and try again.',
    );
    const extraneous = await caught(
      client.send(
        new InvokeModelCommand({
          modelId: 'meta.llama3-8b-instruct-v1:0',
          body: JSON.stringify({ prompt: 'x', max_tokens: 5 }),
        }),
      ),
    );
    expect(extraneous.message).toContain('#: extraneous key [max_tokens] is not permitted');
  });
});

describe('custom models and ARN mapping', () => {
  it('serves models added through options, and maps opaque ARNs to the model asked for', async () => {
    const custom = await startBedrockEmulator({
      models: [{ id: 'acme.tiny-chat-v1:0', systemPrompt: false }],
      arnModels: { 'my-app-profile': 'amazon.nova-pro-v1:0' },
    });
    const client = createClient(custom.url);
    try {
      const output = await client.send(
        new InvokeModelCommand({
          modelId: 'acme.tiny-chat-v1:0',
          body: JSON.stringify({ prompt: 'Hi', max_tokens: 4 }),
        }),
      );
      expect(decode(output.body)).toMatchObject({ generation_token_count: 4, stop_reason: 'length' });
      expect(custom.models.some((model) => model.id === 'acme.tiny-chat-v1:0')).toBe(true);

      // A Bedrock Marketplace model is called through its SageMaker endpoint's ARN.
      for (const arn of [
        'arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/my-app-profile',
        'arn:aws:sagemaker:us-east-1:123456789012:endpoint/my-app-profile',
      ]) {
        await client.send(
          new InvokeModelCommand({
            modelId: arn,
            body: JSON.stringify({
              messages: [{ role: 'user', content: [{ text: 'Hi' }] }],
              inferenceConfig: { max_new_tokens: 8 },
            }),
          }),
        );
        expect(custom.requests.at(-1)).toMatchObject({
          modelId: arn,
          resolvedModelId: 'amazon.nova-pro-v1:0',
        });
      }

      const toolHistory = await caught(
        client.send(
          new InvokeModelCommand({
            modelId: 'anthropic.claude-3-haiku-20240307-v1:0',
            body: JSON.stringify({
              anthropic_version: 'bedrock-2023-05-31',
              max_tokens: 10,
              messages: [
                { role: 'user', content: 'Hi' },
                { role: 'assistant', content: [{ type: 'tool_use', id: 't1', name: 'x', input: {} }] },
                { role: 'user', content: [{ type: 'tool_result', tool_use_id: 't1', content: 'done' }] },
              ],
            }),
          }),
        ),
      );
      expect(toolHistory.message).toBe(
        'Requests which include `tool_use` or `tool_result` blocks must define tools.',
      );
    } finally {
      client.destroy();
      await custom.close();
    }
  });
});
