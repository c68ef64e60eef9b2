import type { BedrockEmulator } from '@llmrouter/bedrock-emulator';
import type { ChatRequestV1 } from '@llmrouter/core';
import { collectStream } from '@llmrouter/core/testing';
import fc from 'fast-check';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { InvokeFamily } from './bedrock-invoke-family';
import { collectInvokeAnswer, invokeDeltas, ThinkSplitter } from './bedrock-invoke-responses';
import {
  type AwsSandbox,
  emulatorProvider,
  HAIKU,
  sandboxAwsEnvironment,
  startEmulator,
} from './bedrock-test-support';

const invoke = { bedrock: { api: 'invoke' } };
const request: ChatRequestV1 = {
  messages: [
    { role: 'system', content: 'You are a concise assistant.' },
    { role: 'user', content: [{ type: 'text', text: 'Name a colour.' }] },
  ],
  maxTokens: 40,
  temperature: 0.2,
  providerOptions: invoke,
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

describe('InvokeModel chat families', () => {
  it.each([
    [
      HAIKU,
      { anthropic_version: 'bedrock-2023-05-31', system: 'You are a concise assistant.', max_tokens: 40 },
    ],
    ['amazon.titan-text-express-v1', { textGenerationConfig: { maxTokenCount: 40, temperature: 0.2 } }],
    [
      'amazon.nova-lite-v1:0',
      { schemaVersion: 'messages-v1', system: [{ text: 'You are a concise assistant.' }] },
    ],
    ['meta.llama3-8b-instruct-v1:0', { max_gen_len: 40 }],
    ['mistral.mistral-7b-instruct-v0:2', { max_tokens: 40 }],
    ['cohere.command-r-v1:0', { message: 'Name a colour.', preamble: 'You are a concise assistant.' }],
    [
      'ai21.jamba-1-5-mini-v1:0',
      {
        messages: [
          { role: 'system', content: 'You are a concise assistant.' },
          { role: 'user', content: 'Name a colour.' },
        ],
      },
    ],
    ['us.deepseek.r1-v1:0', { max_tokens: 40 }],
  ])('%s: generate and stream agree, with the family body', async (modelId, expectedBody) => {
    const model = emulatorProvider(emulator).chatModel(modelId);
    const generated = await model.generate(request);
    expect(emulator.requests.at(-1)).toMatchObject({ operation: 'InvokeModel', modelId, body: expectedBody });
    expect(generated.text.length).toBeGreaterThan(0);
    expect(generated.usage.inputTokens).toBeGreaterThan(0);
    expect(generated.usage.outputTokens).toBeGreaterThan(0);
    expect(generated.providerMetadata.bedrock).toMatchObject({
      api: 'invoke',
      requestId: expect.any(String),
    });
    const streamed = await collectStream(model.stream(request));
    expect(emulator.requests.at(-1)?.operation).toBe('InvokeModelWithResponseStream');
    expect(streamed.text).toBe(generated.text);
    expect(streamed.reasoning).toBe(generated.reasoning ?? '');
    const finish = streamed.parts.at(-1);
    expect(finish).toMatchObject({ type: 'finish', finishReason: generated.finishReason });
    expect(finish?.type === 'finish' && finish.usage.outputTokens).toBeGreaterThan(0);
  });

  it('builds the prompt templates Llama and Mistral expect', async () => {
    await emulatorProvider(emulator).chatModel('meta.llama3-8b-instruct-v1:0').generate(request);
    expect((emulator.requests.at(-1)?.body as { prompt?: string } | undefined)?.prompt).toBe(
      '<|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\nYou are a concise assistant.<|eot_id|><|start_header_id|>user<|end_header_id|>\n\nName a colour.<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n',
    );
    await emulatorProvider(emulator).chatModel('mistral.mistral-7b-instruct-v0:2').generate(request);
    expect((emulator.requests.at(-1)?.body as { prompt?: string } | undefined)?.prompt).toBe(
      '<s>[INST] You are a concise assistant.\n\nName a colour. [/INST]',
    );
  });

  it('Anthropic bodies carry tools and honour a forced tool choice', async () => {
    const tools = [
      { name: 'pick_colour', parameters: { type: 'object', properties: { colour: { type: 'string' } } } },
    ];
    const model = emulatorProvider(emulator).chatModel(HAIKU);
    const result = await model.generate({
      ...request,
      tools,
      toolChoice: { type: 'tool', name: 'pick_colour' },
    });
    expect(emulator.requests.at(-1)?.body).toMatchObject({
      tool_choice: { type: 'tool', name: 'pick_colour' },
      tools: [{ name: 'pick_colour' }],
    });
    expect(result.toolCalls[0]?.name).toBe('pick_colour');
    const streamed = await collectStream(
      model.stream({ ...request, tools, toolChoice: { type: 'tool', name: 'pick_colour' } }),
    );
    expect(JSON.parse(streamed.toolCalls[0]?.arguments ?? '')).toEqual(
      JSON.parse(result.toolCalls[0]?.arguments ?? ''),
    );
  });

  it('an exception mid-stream interrupts an InvokeModel stream too', async () => {
    emulator.inject({ type: 'stream-exception', afterEvents: 3, times: 1 });
    await expect(
      collectStream(emulatorProvider(emulator).chatModel('meta.llama3-8b-instruct-v1:0').stream(request)),
    ).rejects.toMatchObject({ code: 'provider_stream_interrupted' });
  });
});

describe('embeddings', () => {
  it('Titan v2: one call per value, with dimensions and normalize', async () => {
    const model = emulatorProvider(emulator).embeddingModel('amazon.titan-embed-text-v2:0');
    const result = await model.embed({
      values: ['first', 'second', 'third'],
      dimensions: 256,
      normalize: true,
    });
    expect(result.embeddings).toHaveLength(3);
    expect(result.embeddings.every((vector) => vector.length === 256)).toBe(true);
    const norm = Math.hypot(...(result.embeddings[0] ?? []));
    expect(norm).toBeCloseTo(1, 3);
    expect(emulator.requests.map((request) => request.body)).toEqual([
      { inputText: 'first', dimensions: 256, normalize: true },
      { inputText: 'second', dimensions: 256, normalize: true },
      { inputText: 'third', dimensions: 256, normalize: true },
    ]);
    expect(result.usage.inputTokens).toBeGreaterThan(0);
  });

  it('Titan v1 warns about dimensions it cannot change', async () => {
    const result = await emulatorProvider(emulator)
      .embeddingModel('amazon.titan-embed-text-v1')
      .embed({ values: ['x'], dimensions: 256 });
    expect(result.embeddings[0]).toHaveLength(1536);
    expect(result.warnings).toContainEqual(expect.objectContaining({ setting: 'dimensions' }));
  });

  it('Cohere Embed: batches of at most 96 texts with the input type', async () => {
    const values = Array.from({ length: 100 }, (_, index) => `document ${index}`);
    const model = emulatorProvider(emulator).embeddingModel('cohere.embed-english-v3');
    expect(model.maxValuesPerCall).toBe(96);
    const result = await model.embed({ values, inputType: 'query' });
    expect(result.embeddings).toHaveLength(100);
    expect(emulator.requests.map((request) => (request.body as { texts: string[] }).texts.length)).toEqual([
      96, 4,
    ]);
    expect(emulator.requests[0]?.body).toMatchObject({ input_type: 'search_query' });
  });

  it('refuses a chat model as an embedding model', () => {
    expect(() => emulatorProvider(emulator).embeddingModel(HAIKU)).toThrow(/not a Bedrock embedding model/);
  });
});

describe('InvokeModel response parsing (property)', () => {
  const pieces = fc.array(fc.string({ minLength: 1, maxLength: 8 }), { minLength: 1, maxLength: 12 });
  const chunksOf: Record<string, (parts: string[]) => Array<Record<string, unknown>>> = {
    'titan-text': (parts) =>
      parts.map((outputText, index) => ({
        outputText,
        completionReason: index === parts.length - 1 ? 'FINISH' : null,
      })),
    llama: (parts) =>
      parts.map((generation, index) => ({
        generation,
        stop_reason: index === parts.length - 1 ? 'stop' : null,
      })),
    mistral: (parts) =>
      parts.map((text, index) => ({
        outputs: [{ text, stop_reason: index === parts.length - 1 ? 'stop' : null }],
      })),
    'cohere-command': (parts) => [
      ...parts.map((text) => ({ event_type: 'text-generation', text })),
      { event_type: 'stream-end', finish_reason: 'COMPLETE' },
    ],
    'openai-chat': (parts) => [
      ...parts.map((content) => ({ choices: [{ delta: { content } }] })),
      { choices: [{ delta: {}, finish_reason: 'stop' }] },
    ],
    anthropic: (parts) => [
      ...parts.map((text) => ({
        type: 'content_block_delta',
        index: 0,
        delta: { type: 'text_delta', text },
      })),
      { type: 'message_delta', delta: { stop_reason: 'end_turn' } },
    ],
    nova: (parts) => [
      ...parts.map((text) => ({ contentBlockDelta: { delta: { text }, contentBlockIndex: 0 } })),
      { messageStop: { stopReason: 'end_turn' } },
    ],
  };

  it('streamed chunks of every family reassemble to the text with a stop reason', () => {
    fc.assert(
      fc.property(fc.constantFrom(...(Object.keys(chunksOf) as InvokeFamily[])), pieces, (family, parts) => {
        const deltas = chunksOf[family]!(parts).flatMap((chunk) => invokeDeltas(family, chunk));
        const answer = collectInvokeAnswer(deltas);
        expect(answer.text).toBe(parts.join(''));
        expect(answer.stopReason).toBeDefined();
      }),
      { numRuns: 200 },
    );
  });

  it('DeepSeek reasoning splits at </think> however the chunks cut it', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 30 }).filter((text) => !text.includes('</think>')),
        fc.string({ minLength: 1, maxLength: 30 }),
        fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 30 }),
        (reasoning, answer, cuts) => {
          const whole = `${reasoning}</think>${answer}`;
          const splitter = new ThinkSplitter();
          const deltas = [];
          let position = 0;
          for (const cut of cuts) {
            deltas.push(...splitter.push(whole.slice(position, position + cut)));
            position += cut;
          }
          deltas.push(...splitter.push(whole.slice(position)), ...splitter.end());
          const collected = collectInvokeAnswer(deltas);
          expect(collected.reasoning).toBe(reasoning);
          expect(collected.text).toBe(answer.replace(/^\s+/, ''));
        },
      ),
      { numRuns: 200 },
    );
  });
});
