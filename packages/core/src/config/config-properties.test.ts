import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { findProviderKind } from '../provider-names';
import type { LLMRouterConfigInput } from './config-schema';
import { loadConfig, parseConfigText } from './load-config';
import { resolveModels } from './resolve-models';
import { serializeConfig } from './serialize-config';

const modelName = fc.stringMatching(/^[a-z][a-z0-9-]{0,14}$/).filter((name) => name !== 'auto');
const bedrockId = fc.constantFrom(
  'anthropic.claude-3-haiku-20240307-v1:0',
  'us.anthropic.claude-sonnet-4-5-20250929-v1:0',
  'global.anthropic.claude-sonnet-4-5-20250929-v1:0',
  'amazon.titan-text-express-v1',
  'meta.llama3-70b-instruct-v1:0',
  'mistral.mistral-7b-instruct-v0:2',
  'arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/abc123',
);
const httpProvider = fc.constantFrom('openai', 'nvidia', 'groq', 'together', 'mistral', 'deepseek');
const price = fc
  .double({ min: 0, max: 100, noNaN: true, noDefaultInfinity: true })
  .map((value) => Math.round(value * 1000) / 1000);
const region = fc.constantFrom('us-east-1', 'us-west-2', 'eu-central-1', 'ap-northeast-1');

interface ModelSpec {
  name: string;
  bedrock: boolean;
  provider: string;
  model: string;
  region?: string;
  input: number;
  output: number;
  description?: string;
}

const modelSpec = fc.oneof(
  fc.record(
    {
      bedrock: fc.constant(true),
      provider: fc.constant('bedrock'),
      model: bedrockId,
      region,
      input: price,
      output: price,
      description: fc.string({ maxLength: 40 }),
    },
    { requiredKeys: ['bedrock', 'provider', 'model', 'input', 'output'] },
  ),
  fc.record(
    {
      bedrock: fc.constant(false),
      provider: httpProvider,
      model: fc.stringMatching(/^[a-z][a-z0-9./-]{0,20}$/),
      input: price,
      output: price,
      description: fc.string({ maxLength: 40 }),
    },
    { requiredKeys: ['bedrock', 'provider', 'model', 'input', 'output'] },
  ),
);
const modelSpecs = fc
  .uniqueArray(fc.tuple(modelName, modelSpec), { minLength: 1, maxLength: 6, selector: ([name]) => name })
  .map((pairs) => pairs.map(([name, spec]) => ({ ...spec, name }) as ModelSpec));

function nativeModels(specs: ModelSpec[]): LLMRouterConfigInput['models'] {
  return Object.fromEntries(
    specs.map((spec) => [
      spec.name,
      {
        provider: spec.provider,
        model: spec.model,
        input_price: spec.input,
        output_price: spec.output,
        ...(spec.region === undefined ? {} : { aws_region: spec.region }),
        ...(spec.description === undefined ? {} : { description: spec.description }),
      },
    ]),
  );
}

const routerFor = (names: string[]) =>
  fc.oneof(
    fc.constant({ strategy: 'random' as const }),
    fc.array(fc.nat({ max: 10 }), { minLength: names.length, maxLength: names.length }).map((weights) => ({
      strategy: 'round_robin' as const,
      weights: Object.fromEntries(names.map((name, index) => [name, weights[index] ?? 1])),
    })),
    fc.record({
      strategy: fc.constant('rules' as const),
      rules: fc.array(
        fc.record({
          model: fc.constantFrom(...names),
          keywords: fc.array(fc.stringMatching(/^[a-z]{2,8}$/), { minLength: 1, maxLength: 3 }),
        }),
        { maxLength: 3 },
      ),
      default: fc.constantFrom(...names),
      fallback_models: fc.subarray(names),
    }),
  );

const nativeConfig = modelSpecs.chain((specs) =>
  fc.record({
    models: fc.constant(nativeModels(specs)),
    router: routerFor(specs.map((spec) => spec.name)),
    server: fc.record({ port: fc.integer({ min: 1, max: 65535 }), show_model_prefix: fc.boolean() }),
  }),
);

describe('config properties', () => {
  it('any valid native config survives serialize → load unchanged', () => {
    fc.assert(
      fc.property(nativeConfig, fc.constantFrom('yaml' as const, 'json' as const), (input, format) => {
        const first = loadConfig(input, { environment: {} }).config;
        const second = parseConfigText(serializeConfig(first, format), { environment: {} }).config;
        expect(second).toEqual(first);
      }),
      { numRuns: 150 },
    );
  });

  it('each legacy format loads to the equivalent native config', () => {
    fc.assert(
      fc.property(modelSpecs, (specs) => {
        const native = loadConfig({ models: nativeModels(specs) }, { environment: {} }).config.models;
        const openclaw = parseConfigText(stringify({ llms: nativeModels(specs) }), { environment: {} });
        expect(openclaw.format).toBe('openclaw');
        expect(openclaw.config.models).toEqual(native);

        const candidates = Object.fromEntries(
          specs.map((spec) => [
            spec.name,
            {
              model: spec.model,
              service: spec.provider,
              input_price: spec.input,
              output_price: spec.output,
              ...(spec.region === undefined ? {} : { aws_region: spec.region }),
              ...(spec.description === undefined ? {} : { feature: spec.description }),
            },
          ]),
        );
        const fromCandidates = parseConfigText(JSON.stringify(candidates), { environment: {} });
        expect(fromCandidates.format).toBe('llmrouter-candidates');
        expect(fromCandidates.config.models).toEqual(native);

        const litellm = {
          model_list: specs.map((spec) => ({
            model_name: spec.name,
            litellm_params: {
              model: `${spec.provider}/${spec.model}`,
              ...(spec.region === undefined ? {} : { aws_region_name: spec.region }),
            },
            model_info: {
              input_cost_per_token: spec.input / 1_000_000,
              output_cost_per_token: spec.output / 1_000_000,
            },
          })),
        };
        const fromLiteLLM = parseConfigText(stringify(litellm), { environment: {} });
        expect(fromLiteLLM.format).toBe('litellm');
        const withoutDescriptions = Object.fromEntries(
          Object.entries(native).map(([name, { description: _description, ...entry }]) => [name, entry]),
        );
        expect(fromLiteLLM.config.models).toEqual(withoutDescriptions);
      }),
      { numRuns: 100 },
    );
  });

  it('any casing and spacing of bedrock/aws resolves to Bedrock, in names and in configs', () => {
    const spelling = fc
      .tuple(
        fc.constantFrom('bedrock', 'aws', 'aws-bedrock', 'aws_bedrock', 'amazon bedrock', 'amazon-bedrock'),
        fc.array(fc.boolean(), { minLength: 16, maxLength: 16 }),
        fc.constantFrom('', ' ', '  '),
      )
      .map(([name, upper, padding]) => {
        const cased = [...name]
          .map((character, index) => (upper[index] ? character.toUpperCase() : character))
          .join('');
        return `${padding}${cased}${padding}`;
      });
    fc.assert(
      fc.property(spelling, (name) => {
        expect(findProviderKind(name)?.id).toBe('bedrock');
        const { config } = loadConfig(
          { models: { claude: { provider: name, model: 'anthropic.claude-3-haiku-20240307-v1:0' } } },
          { environment: {} },
        );
        expect(resolveModels(config)[0]?.provider.id).toBe('bedrock');
      }),
      { numRuns: 200 },
    );
  });
});
