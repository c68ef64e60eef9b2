import { fileURLToPath } from 'node:url';
import { LLMRouterError } from '@llmrouter/errors';
import { describe, expect, it } from 'vitest';
import { loadConfigFile, parseConfigText } from './load-config';
import { resolveModels } from './resolve-models';

const configs = fileURLToPath(new URL('../../../../configs/', import.meta.url));
const environment = { NVIDIA_API_KEY: 'nvapi-test-key-0123456789', AWS_REGION_NAME: 'us-west-2' };

async function load(name: string) {
  return loadConfigFile(`${configs}${name}`, { environment });
}

function configError(text: string, source = 'broken.yaml'): LLMRouterError {
  try {
    parseConfigText(text, { source, environment: {} });
  } catch (error) {
    if (LLMRouterError.is(error)) return error;
    throw error;
  }
  throw new Error('expected the config to be rejected');
}

describe('example configs', () => {
  it('openclaw_example.yaml: Bedrock and NVIDIA models, weights, prefix, api keys', async () => {
    const { config, format } = await load('openclaw_example.yaml');
    expect(format).toBe('openclaw');
    expect(Object.keys(config.models)).toEqual([
      'claude-3-sonnet',
      'claude-3-haiku',
      'titan-text-express',
      'claude-sonnet-4-5',
      'llama-3.1-8b',
      'llama3-70b',
    ]);
    expect(config.server).toMatchObject({ host: '0.0.0.0', port: 8000, show_model_prefix: true });
    expect(config.router).toMatchObject({ strategy: 'random', weights: { 'llama-3.1-8b': 3 } });
    const models = resolveModels(config);
    const claude = models.find((model) => model.name === 'claude-3-haiku');
    expect(claude).toMatchObject({
      provider: { id: 'bedrock' },
      region: 'us-west-2',
      prices: { inputPrice: 0.25 },
    });
    const llama = models.find((model) => model.name === 'llama-3.1-8b');
    expect(llama?.target.providerSettings).toMatchObject({
      kind: 'nvidia',
      apiKeys: ['nvapi-test-key-0123456789'],
      baseUrl: 'https://integrate.api.nvidia.com/v1',
    });
    expect(llama?.candidate.contextWindow).toBe(128000);
  });

  it('bedrock_config.yaml: Bedrock only, tiers, rules, an embedding model kept out of routing', async () => {
    const { config, format } = await load('bedrock_config.yaml');
    expect(format).toBe('native');
    const models = resolveModels(config);
    expect(models.every((model) => model.provider.id === 'bedrock')).toBe(true);
    expect(models.find((model) => model.name === 'titan-embed-v2')).toMatchObject({
      kind: 'embedding',
      routable: false,
    });
    expect(models.find((model) => model.name === 'claude-sonnet-4-5')?.target.providerSettings).toEqual({
      kind: 'bedrock',
      region: 'us-east-1',
    });
    expect(config.router.strategy).toBe('rules');
  });

  it('mixed_providers.yaml: four providers, a vLLM block under its own name', async () => {
    const { config, warnings } = await load('mixed_providers.yaml');
    const kinds = Object.fromEntries(resolveModels(config).map((model) => [model.name, model.provider.id]));
    expect(kinds).toEqual({
      'claude-3-5-sonnet': 'bedrock',
      'llama-3.1-8b': 'nvidia',
      'gpt-4o-mini': 'openai',
      'local-qwen': 'vllm',
    });
    // OPENAI_API_KEY and LLMROUTER_MASTER_KEY are not set in this environment: dropped, with a warning.
    expect(warnings.some((warning) => warning.includes('OPENAI_API_KEY'))).toBe(true);
    expect(config.server.auth).toEqual({});
  });

  it('proxy_config.yaml (LiteLLM): the worklog models through inference profiles', async () => {
    const { config, format } = await load('proxy_config.yaml');
    expect(format).toBe('litellm');
    expect(config.models['bedrock/claude-sonnet-4-5']).toMatchObject({
      provider: 'bedrock',
      model: 'us.anthropic.claude-sonnet-4-5-20250929-v1:0',
      aws_region: 'us-west-2',
    });
    expect(Object.keys(config.models)).toHaveLength(3);
  });

  it('bedrock_llm_candidates.json (LLMRouter): Claude, Titan, Llama, Mistral and one NVIDIA model', async () => {
    const { config, format } = await load('bedrock_llm_candidates.json');
    expect(format).toBe('llmrouter-candidates');
    const models = resolveModels(config);
    expect(models.filter((model) => model.provider.id === 'bedrock').map((model) => model.name)).toEqual([
      'claude-3-sonnet',
      'claude-3-haiku',
      'titan-text-express',
      'llama3-70b-instruct',
      'mistral-7b-instruct',
    ]);
    expect(config.models['mistral-7b-instruct']).toMatchObject({
      size: '7B',
      description: expect.stringContaining('Mistral'),
    });
    expect(
      models.find((model) => model.name === 'llama-3.1-8b-instruct')?.target.providerSettings.baseUrl,
    ).toBe('https://integrate.api.nvidia.com/v1');
  });
});

describe('broken configs name the file, the path, the value and the fix', () => {
  it('a rule naming a model that does not exist', () => {
    const error = configError(`
models:
  haiku: { provider: bedrock, model: anthropic.claude-3-haiku-20240307-v1:0, input_price: 0.25, output_price: 1.25 }
router:
  strategy: rules
  rules:
    - keywords: [code]
      model: hiaku
  default: haiku
`);
    expect(error.code).toBe('config_invalid');
    expect(error.message).toContain('broken.yaml: router.rules[0].model');
    expect(error.message).toContain('"hiaku"');
    expect(error.message).toContain('did you mean haiku?');
  });

  it('a Bedrock model id of the wrong form', () => {
    const error = configError(`
llms:
  claude: { provider: AWS, model: bedrock/anthropic.claude-3-haiku-20240307-v1:0, input_price: 1, output_price: 1 }
`);
    expect(error.message).toContain('llms.claude.model');
    expect(error.message).toContain('remove the LiteLLM "bedrock/" prefix');
    expect(error.hint).toContain('model: anthropic.claude-3-haiku-20240307-v1:0');
  });

  it('a missing price in the candidate JSON', () => {
    const error = configError(
      JSON.stringify({
        titan: { model: 'amazon.titan-text-express-v1', service: 'Bedrock', output_price: 0.6 },
      }),
      'candidates.json',
    );
    expect(error.message).toContain('candidates.json: titan.input_price: missing input price');
    expect(error.hint).toContain('"input_price": <USD per million tokens>');
  });

  it('a missing price a cost-aware router needs', () => {
    const error = configError(`
models:
  a: { provider: openai, model: gpt-4o-mini, input_price: 0.15, output_price: 0.6 }
  b: { provider: openai, model: gpt-4o }
router: { strategy: random, cost_weight: 0.1 }
`);
    expect(error.message).toContain('models.b.input_price');
    expect(error.message).toContain('models.b.output_price');
  });

  it("a typo'd key", () => {
    const error = configError(`
models:
  a: { provider: openai, model: gpt-4o-mini, input_prise: 0.15, output_price: 0.6 }
`);
    expect(error.message).toContain('models.a.input_prise: unknown key "input_prise"');
    expect(error.message).toContain('did you mean "input_price"?');
  });

  it('an unknown provider lists the known ones', () => {
    const error = configError(`
models:
  a: { provider: azure-foundry, model: gpt-4o, input_price: 1, output_price: 1 }
`);
    expect(error.message).toContain('models.a.provider: unknown provider (got "azure-foundry")');
    expect(error.message).toContain('bedrock, anthropic, openai, nvidia');
  });

  it('a wrong type shows the value', () => {
    const error = configError(`
models:
  a: { provider: openai, model: gpt-4o-mini, input_price: cheap, output_price: 0.6 }
`);
    expect(error.message).toContain('models.a.input_price');
    expect(error.message).toContain('(got "cheap")');
    expect(error.message).toContain('USD per million input tokens');
  });

  it('YAML syntax errors give the line', () => {
    const error = configError('models:\n  a: [unclosed\n');
    expect(error.message).toMatch(/^broken\.yaml:\d+:\d+: /);
  });

  it('a missing file', async () => {
    await expect(loadConfigFile('/nonexistent/llmrouter.yaml')).rejects.toMatchObject({
      code: 'config_not_found',
      hint: expect.stringContaining('--config'),
    });
  });

  it('an unrecognised document', () => {
    expect(configError('hello: world').hint).toContain('configs/');
  });
});

describe('secret references', () => {
  it('resolves braced references with and without defaults and os.environ/VAR, and redacts the secrets', () => {
    const { config } = parseConfigText(
      `
server: { port: "\${PORT:-9000}", auth: { master_key: "os.environ/MASTER" } }
providers: { openai: { api_key: "\${OPENAI_KEY}" } }
models: { a: { provider: openai, model: gpt-4o-mini } }
`,
      { environment: { OPENAI_KEY: 'sk-a-very-secret-value-123', MASTER: 'master-secret-456' } },
    );
    expect(config.server.port).toBe(9000);
    expect(config.server.auth?.master_key).toBe('master-secret-456');
    expect(config.providers.openai?.api_key).toBe('sk-a-very-secret-value-123');
    const error = new LLMRouterError({ code: 'internal', message: 'leaked master-secret-456 here' });
    expect(error.message).not.toContain('master-secret-456');
  });
});
