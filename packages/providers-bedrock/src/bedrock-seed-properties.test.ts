import type { BedrockEmulator } from '@llmrouter/bedrock-emulator';
import {
  type ChatModelV1,
  type ChatRequestV1,
  createProviderRegistry,
  findProviderKind,
  loadConfig,
  type ProviderV1,
  resolveModels,
} from '@llmrouter/core';
import { collectStream } from '@llmrouter/core/testing';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bedrockModelCatalog } from './bedrock-model-catalog';
import { createBedrockProvider } from './bedrock-provider';
import {
  type AwsSandbox,
  emulatorProvider,
  HAIKU,
  sandboxAwsEnvironment,
  startEmulator,
  TEST_KEYS,
} from './bedrock-test-support';

// The seed's nine correctness properties (000_… tasks 1.1–9.2), each over at least 100 generated cases.
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

const RUNS = { numRuns: 100 };
const ask = (text: string, extra: Partial<ChatRequestV1> = {}): ChatRequestV1 => ({
  messages: [{ role: 'user', content: [{ type: 'text', text }] }],
  maxTokens: 32,
  ...extra,
});
const prompt = fc.string({ minLength: 1, maxLength: 40 }).filter((text) => text.trim() !== '');
const lastBody = () =>
  emulator.requests.at(-1)?.body as Record<string, unknown> & {
    inferenceConfig?: Record<string, unknown>;
    system?: Array<{ text?: string }>;
    messages: Array<{ content: Array<{ text?: string }> }>;
  };
// Regions where the emulator and the catalog both serve Claude 3 Haiku.
const REGIONS = [
  'us-east-1',
  'us-west-2',
  'eu-central-1',
  'eu-west-1',
  'eu-west-3',
  'ap-northeast-1',
  'ap-southeast-1',
  'ap-southeast-2',
  'ap-south-1',
  'ca-central-1',
  'sa-east-1',
];
const region = fc.constantFrom(...REGIONS);

/** Random casing, and spaces or underscores where the name has dashes. */
function respell(name: string) {
  return fc
    .tuple(
      fc.array(fc.boolean(), { minLength: name.length, maxLength: name.length }),
      fc.constantFrom('-', '_', ' '),
    )
    .map(([upper, dash]) =>
      [...name]
        .map((character, index) =>
          character === '-' ? dash : upper[index] ? character.toUpperCase() : character,
        )
        .join(''),
    );
}

describe('seed properties', () => {
  const model = () => emulatorProvider(emulator).chatModel(HAIKU);

  it('1. service recognition: "bedrock", "aws" and their aliases in any casing are Bedrock', () => {
    const names = fc
      .constantFrom('bedrock', 'aws', 'aws-bedrock', 'amazon-bedrock', 'bedrock-runtime')
      .chain(respell);
    fc.assert(
      fc.property(names, fc.constantFrom('', ' ', '  '), (name, pad) => {
        expect(findProviderKind(`${pad}${name}${pad}`)?.id).toBe('bedrock');
      }),
      RUNS,
    );
    const others = fc.constantFrom('openai', 'nvidia', 'anthropic', 'vllm', 'ollama').chain(respell);
    fc.assert(
      fc.property(others, (name) => {
        expect(findProviderKind(name)?.family).not.toBe('bedrock');
      }),
      RUNS,
    );
  });

  it('2. request routing: a Bedrock model id reaches Converse with that id, in its region', async () => {
    const entries = bedrockModelCatalog.filter(
      (entry) =>
        entry.capabilities.converse &&
        !entry.requiresInferenceProfile &&
        emulator.models.some((served) => served.id === entry.id),
    );
    const provider = emulatorProvider(emulator);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...entries), prompt, async (entry, text) => {
        const regionOfModel =
          entry.regions.find(
            (candidate) =>
              emulator.models.find((served) => served.id === entry.id)?.regions?.includes(candidate) ?? true,
          ) ?? entry.regions[0]!;
        const before = emulator.requests.length;
        const result = await provider.chatModel(entry.id, { region: regionOfModel }).generate(ask(text));
        const [request] = emulator.requests.slice(before);
        expect(request).toMatchObject({ operation: 'Converse', modelId: entry.id, region: regionOfModel });
        expect(result.modelId).toBe(entry.id);
      }),
      RUNS,
    );
  });

  it('3. configuration completeness: candidate JSON with every field loads and prices every Bedrock model', () => {
    const candidate = fc.record({
      entry: fc.constantFrom(...bedrockModelCatalog.filter((entry) => entry.capabilities.converse)),
      service: fc.constantFrom('Bedrock', 'bedrock', 'AWS', 'aws'),
      size: fc.constantFrom('8B', '70B', 'unknown', '1T'),
      region,
    });
    fc.assert(
      fc.property(fc.array(candidate, { minLength: 1, maxLength: 5 }), (candidates) => {
        const document = Object.fromEntries(
          candidates.map((item, index) => [
            `model-${index}`,
            {
              model: item.entry.id,
              service: item.service,
              size: item.size,
              feature: item.entry.name,
              input_price: item.entry.inputPrice,
              output_price: item.entry.outputPrice,
              aws_region: item.region,
            },
          ]),
        );
        const models = resolveModels(loadConfig(document).config);
        models.forEach((resolved, index) => {
          const item = candidates[index]!;
          expect(resolved.provider.id).toBe('bedrock');
          expect(resolved.modelId).toBe(item.entry.id);
          expect(resolved.region).toBe(item.region);
          expect(resolved.prices).toMatchObject({
            inputPrice: item.entry.inputPrice,
            outputPrice: item.entry.outputPrice,
          });
          expect(resolved.candidate).toMatchObject({ size: item.size, description: item.entry.name });
        });
      }),
      RUNS,
    );
  });

  it('4. regional configuration: the region used follows model > provider > AWS_REGION > AWS_DEFAULT_REGION > profile', async () => {
    const maybe = fc.option(region, { nil: undefined });
    await fc.assert(
      fc.asyncProperty(
        maybe,
        maybe,
        maybe,
        maybe,
        region,
        async (modelRegion, providerRegion, awsRegion, defaultRegion, profileRegion) => {
          sandbox.writeFiles({ config: `[default]\nregion = ${profileRegion}\n` });
          for (const [name, value] of [
            ['AWS_REGION', awsRegion],
            ['AWS_DEFAULT_REGION', defaultRegion],
          ] as const) {
            if (value === undefined) delete process.env[name];
            else process.env[name] = value;
          }
          try {
            const provider = createBedrockProvider({
              endpoint: emulator.url,
              maxRetries: 0,
              ...TEST_KEYS,
              ...(providerRegion ? { region: providerRegion } : {}),
            });
            const result = await provider
              .chatModel(HAIKU, modelRegion ? { region: modelRegion } : {})
              .generate(ask('Where am I?'));
            const expected = modelRegion ?? providerRegion ?? awsRegion ?? defaultRegion ?? profileRegion;
            expect(emulator.requests.at(-1)?.region).toBe(expected);
            expect(result.providerMetadata.bedrock?.region).toBe(expected);
            provider.close();
          } finally {
            delete process.env.AWS_REGION;
            delete process.env.AWS_DEFAULT_REGION;
          }
        },
      ),
      RUNS,
    );
  });

  it('5. response parsing: the text is extracted, the same whether generated or streamed', async () => {
    const chat = model();
    await fc.assert(
      fc.asyncProperty(prompt, fc.integer({ min: 1, max: 64 }), async (text, maxTokens) => {
        const generated = await chat.generate(ask(text, { maxTokens }));
        const streamed = await collectStream(chat.stream(ask(text, { maxTokens })));
        expect(generated.text.length).toBeGreaterThan(0);
        expect(streamed.text).toBe(generated.text);
        expect(streamed.parts.at(-1)).toMatchObject({ type: 'finish', finishReason: generated.finishReason });
      }),
      RUNS,
    );
  });

  it('6. response metadata: usage, latency, request id and region come with every answer', async () => {
    const chat = model();
    await fc.assert(
      fc.asyncProperty(prompt, async (text) => {
        const result = await chat.generate(ask(text));
        const { usage } = result;
        expect(usage.inputTokens).toBeGreaterThan(0);
        expect(usage.outputTokens).toBeGreaterThan(0);
        expect(usage.totalTokens).toBe(
          usage.inputTokens + usage.outputTokens + usage.cacheReadTokens + usage.cacheWriteTokens,
        );
        expect(result.latencyMs).toBeGreaterThanOrEqual(0);
        expect(result.providerMetadata.bedrock).toMatchObject({
          region: 'us-east-1',
          requestId: expect.any(String),
        });
        expect(result.cost?.total).toBeGreaterThan(0);
      }),
      RUNS,
    );
  });

  it('7. system-prompt passthrough: the system prompt reaches Bedrock (folded in where the model refuses it)', async () => {
    const withSystem = model();
    const withoutSystem = emulatorProvider(emulator).chatModel('mistral.mistral-7b-instruct-v0:2');
    await fc.assert(
      fc.asyncProperty(prompt, prompt, async (system, text) => {
        const request: ChatRequestV1 = {
          messages: [{ role: 'system', content: system }, ...ask(text).messages],
          maxTokens: 16,
        };
        await withSystem.generate(request);
        expect(lastBody().system).toEqual([{ text: system }]);
        const folded = await withoutSystem.generate(request);
        expect(lastBody().system).toBeUndefined();
        expect(lastBody().messages[0]?.content[0]?.text).toBe(`${system}\n\n`);
        expect(folded.warnings).toContainEqual(expect.objectContaining({ setting: 'system' }));
      }),
      RUNS,
    );
  });

  it('8. inference parameters: temperature, topP, maxTokens and stop reach Bedrock unchanged', async () => {
    const chat = model();
    const unit = fc.double({ min: 0, max: 1, noNaN: true });
    const stop = fc.array(
      fc.string({ minLength: 1, maxLength: 6 }).filter((text) => text.trim() !== ''),
      { minLength: 1, maxLength: 4 },
    );
    await fc.assert(
      fc.asyncProperty(
        unit,
        unit,
        fc.integer({ min: 1, max: 4096 }),
        stop,
        async (temperature, topP, maxTokens, stopSequences) => {
          await chat.generate(ask('Count to three.', { temperature, topP, maxTokens, stop: stopSequences }));
          expect(lastBody().inferenceConfig).toEqual({ temperature, topP, maxTokens, stopSequences });
        },
      ),
      RUNS,
    );
  });

  it('9. backward compatibility: a registry with Bedrock and OpenAI-compatible models sends each to its provider', async () => {
    const registry = createProviderRegistry();
    registry.register('bedrock', (settings) =>
      createBedrockProvider({
        region: 'us-east-1',
        ...settings,
        endpoint: emulator.url,
        maxRetries: 0,
        ...TEST_KEYS,
      }),
    );
    // A stand-in OpenAI-compatible provider: it only has to prove the registry kept it.
    const fakeHttp = (settings: { kind: string }): ProviderV1 => ({
      specificationVersion: 'v1',
      id: settings.kind,
      chatModel: (modelId): ChatModelV1 => ({
        specificationVersion: 'v1',
        provider: settings.kind,
        modelId,
        generate: async () => ({
          text: `from ${settings.kind}`,
          toolCalls: [],
          finishReason: 'stop',
          usage: { inputTokens: 1, outputTokens: 1, totalTokens: 2, cacheReadTokens: 0, cacheWriteTokens: 0 },
          latencyMs: 0,
          modelId,
          providerMetadata: {},
          warnings: [],
        }),
        stream: async function* () {},
      }),
    });
    registry.register('openai-compatible', fakeHttp);
    const entry = fc.oneof(
      fc.record({
        service: fc.constantFrom('Bedrock', 'AWS', 'aws_bedrock'),
        model: fc.constantFrom(HAIKU, 'amazon.nova-lite-v1:0', 'meta.llama3-8b-instruct-v1:0'),
        expected: fc.constant('bedrock'),
      }),
      fc.record({
        service: fc.constantFrom('OpenAI', 'NVIDIA', 'vllm'),
        model: fc.constantFrom('gpt-4o-mini', 'meta/llama-3.1-8b-instruct'),
        expected: fc.constant('http'),
      }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(entry, { minLength: 1, maxLength: 4 }), async (entries) => {
        const document = Object.fromEntries(
          entries.map((item, index) => [
            `m${index}`,
            {
              model: item.model,
              service: item.service,
              size: '8B',
              feature: 'test',
              input_price: 1,
              output_price: 2,
              api_endpoint: item.expected === 'http' ? 'http://127.0.0.1:9/v1' : undefined,
            },
          ]),
        );
        const resolved = resolveModels(loadConfig(document).config);
        for (const [index, target] of resolved.entries()) {
          const item = entries[index]!;
          const chat = registry.chatModel(target.target);
          const before = emulator.requests.length;
          const result = await chat.generate(ask('Hi'));
          if (item.expected === 'bedrock') {
            expect(chat.provider).toBe('bedrock');
            expect(emulator.requests.slice(before)[0]?.modelId).toBe(item.model);
          } else {
            expect(chat.provider).toBe(findProviderKind(item.service)?.id);
            expect(result.text).toBe(`from ${chat.provider}`);
            expect(emulator.requests.length).toBe(before);
          }
        }
      }),
      RUNS,
    );
  });
});
