import {
  type BedrockRuntimeClient,
  ConverseCommand,
  type ConverseCommandInput,
  ConverseStreamCommand,
} from '@aws-sdk/client-bedrock-runtime';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BedrockEmulator } from './bedrock-emulator-types.js';
import { BedrockError } from './bedrock-errors.js';
import { BUILT_IN_MODELS } from './bedrock-model-table.js';
import { buildToolInput } from './build-tool-input.js';
import { embedText, tokenize } from './deterministic-reply.js';
import { createClient, isolateAwsEnvironment } from './emulator-test-support.js';
import { decodeEvent, encodeEvent } from './encode-event-stream.js';
import { generateAnswer } from './generate-answer.js';
import { resolveBedrockModelId } from './resolve-bedrock-model-id.js';
import { startBedrockEmulator } from './start-bedrock-emulator.js';

const RUNS = { numRuns: 100 };

describe('event-stream framing', () => {
  it('round-trips any text through an event frame', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 200 }),
        fc.constantFrom('contentBlockDelta', 'chunk'),
        (text, eventType) => {
          const decoded = decodeEvent(encodeEvent(eventType, { contentBlockIndex: 0, delta: { text } }));
          expect(decoded.headers).toMatchObject({
            ':event-type': eventType,
            ':message-type': 'event',
            ':content-type': 'application/json',
          });
          expect(JSON.parse(decoded.body).delta.text).toBe(text);
        },
      ),
      RUNS,
    );
  });
});

describe('answers', () => {
  const prompt = fc
    .string({ unit: 'grapheme', minLength: 1, maxLength: 80 })
    .filter((text) => text.trim() !== '');

  it('tokens concatenate back to the text they came from', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        expect(tokenize(text).join('')).toBe(text.trimEnd());
      }),
      RUNS,
    );
  });

  it('maxTokens cuts to exactly that many tokens, and only when the answer is longer', () => {
    fc.assert(
      fc.property(prompt, fc.integer({ min: 1, max: 60 }), (text, maxTokens) => {
        const base = { modelId: 'amazon.nova-pro-v1:0', prompt: text, inputText: text };
        const full = generateAnswer(base);
        const cut = generateAnswer({ ...base, maxTokens });
        const fullLength = full.outputTokens;
        expect(cut.outputTokens).toBe(Math.min(maxTokens, fullLength));
        expect(cut.stopReason).toBe(fullLength > maxTokens ? 'max_tokens' : 'end_turn');
      }),
      RUNS,
    );
  });

  it('normalised embeddings have unit length for any text and size', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), fc.constantFrom(256, 512, 1024), (text, dimensions) => {
        const vector = embedText(text, dimensions, true);
        expect(vector).toHaveLength(dimensions);
        expect(Math.hypot(...vector)).toBeCloseTo(1, 4);
        expect(embedText(text, dimensions, true)).toEqual(vector);
      }),
      RUNS,
    );
  });

  it('tool input fills every required property with a value of its type', () => {
    const propertyType = fc.constantFrom('string', 'integer', 'number', 'boolean', 'array');
    const schema = fc
      .dictionary(fc.stringMatching(/^[a-z][a-z_]{0,11}$/), propertyType, { minKeys: 1, maxKeys: 5 })
      .map((types) => ({
        type: 'object',
        properties: Object.fromEntries(
          Object.entries(types).map(([name, type]) => [
            name,
            type === 'array' ? { type, items: { type: 'string' } } : { type },
          ]),
        ),
        required: Object.keys(types),
      }));
    fc.assert(
      fc.property(schema, prompt, (toolSchema, text) => {
        const input = buildToolInput(toolSchema, text);
        for (const [name, property] of Object.entries(toolSchema.properties)) {
          const value = input[name];
          if (property.type === 'array') expect(Array.isArray(value)).toBe(true);
          else if (property.type === 'integer') expect(Number.isInteger(value)).toBe(true);
          else expect(typeof value).toBe(property.type);
        }
      }),
      RUNS,
    );
  });
});

describe('model ids', () => {
  const servable = BUILT_IN_MODELS.filter((model) => !model.legacy);
  const geographies: Array<[string, string]> = [
    ['us', 'us-east-1'],
    ['eu', 'eu-west-1'],
    ['apac', 'ap-northeast-1'],
    ['jp', 'ap-northeast-1'],
    ['au', 'ap-southeast-2'],
    ['global', 'us-west-2'],
  ];

  it('an inference profile resolves to its foundation model wherever the region serves it', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...servable),
        fc.constantFrom(...geographies),
        (model, [prefix, region]) => {
          const resolved = resolveBedrockModelId(`${prefix}.${model.id}`, {
            models: servable,
            region,
            arnModels: {},
          });
          if (model.regions && !model.regions.includes(region)) {
            expect(resolved).toBeInstanceOf(BedrockError);
          } else {
            expect(resolved).not.toBeInstanceOf(BedrockError);
            if (!(resolved instanceof BedrockError)) expect(resolved.model.id).toBe(model.id);
          }
        },
      ),
      RUNS,
    );
  });

  it('a bare foundation id is refused exactly when AWS serves the model only through profiles', () => {
    fc.assert(
      fc.property(fc.constantFrom(...servable), (model) => {
        const region = model.regions?.[0] ?? 'us-east-1';
        const resolved = resolveBedrockModelId(model.id, { models: servable, region, arnModels: {} });
        const foundationArn = resolveBedrockModelId(
          `arn:aws:bedrock:${region}::foundation-model/${model.id}`,
          {
            models: servable,
            region,
            arnModels: {},
          },
        );
        for (const outcome of [resolved, foundationArn]) {
          if (model.requiresInferenceProfile) {
            expect(outcome).toBeInstanceOf(BedrockError);
            expect((outcome as BedrockError).message).toContain('with on-demand throughput isn’t supported');
          } else {
            expect(outcome).not.toBeInstanceOf(BedrockError);
          }
        }
      }),
      RUNS,
    );
  });
});

describe('streamed text equals the Converse text, through the real SDK', () => {
  let restoreEnvironment: () => void;
  let emulator: BedrockEmulator;
  let client: BedrockRuntimeClient;

  beforeAll(async () => {
    restoreEnvironment = isolateAwsEnvironment();
    emulator = await startBedrockEmulator();
    client = createClient(emulator.url);
  });
  afterAll(async () => {
    client.destroy();
    await emulator.close();
    restoreEnvironment();
  });

  it('for any prompt, token limit and stop sequence', async () => {
    const word = fc.constantFrom('the', 'model', 'a', 'river', 'stream', 'zzz');
    await fc.assert(
      fc.asyncProperty(
        fc.string({ unit: 'grapheme', minLength: 1, maxLength: 60 }).filter((text) => text.trim() !== ''),
        fc.option(fc.integer({ min: 1, max: 50 }), { nil: undefined }),
        fc.option(word, { nil: undefined }),
        async (text, maxTokens, stopSequence) => {
          const input: ConverseCommandInput = {
            modelId: 'us.anthropic.claude-haiku-4-5-20251001-v1:0',
            messages: [{ role: 'user', content: [{ text }] }],
            inferenceConfig: {
              ...(maxTokens === undefined ? {} : { maxTokens }),
              ...(stopSequence === undefined ? {} : { stopSequences: [stopSequence] }),
            },
          };
          const whole = await client.send(new ConverseCommand(input));
          const streamed = await client.send(new ConverseStreamCommand(input));
          let streamedText = '';
          let stopReason: string | undefined;
          for await (const event of streamed.stream ?? []) {
            streamedText += event.contentBlockDelta?.delta?.text ?? '';
            stopReason ??= event.messageStop?.stopReason;
          }
          const wholeText = (whole.output?.message?.content ?? []).map((block) => block.text ?? '').join('');
          expect(streamedText).toBe(wholeText);
          expect(stopReason).toBe(whole.stopReason);
          if (stopSequence !== undefined && whole.stopReason === 'stop_sequence') {
            expect(wholeText).not.toContain(stopSequence);
          }
        },
      ),
      RUNS,
    );
  });
});
