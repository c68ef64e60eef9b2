import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, runCli, temporaryFolder } from './testing/cli-process';
import { writeTestConfig } from './testing/test-config';

beforeAll(() => ensureBuilt(), 120_000);

describe('llmrouter models', () => {
  it('lists provider, region, prices and capabilities, as a table and as JSON', async () => {
    const config = writeTestConfig(temporaryFolder(), {
      emulatorUrl: 'http://127.0.0.1:9',
      upstreamUrl: 'http://127.0.0.1:9/v1',
    });
    const table = await runCli(['models', '--config', config]);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(
      /^haiku\s+chat\s+bedrock\s+anthropic\.claude-3-haiku-20240307-v1:0\s+us-east-1\s+0\.25\s+1\.25/m,
    );
    expect(table.stdout).toMatch(/^oracle\s+chat\s+openai-compatible\s+oracle-model/m);

    const json = await runCli(['models', '--config', config, '--json']);
    const parsed = JSON.parse(json.stdout) as { router: string; models: Array<Record<string, unknown>> };
    expect(parsed.router).toBe('rules');
    const haiku = parsed.models.find((model) => model.name === 'haiku');
    expect(haiku).toMatchObject({
      provider: 'bedrock',
      region: 'us-east-1',
      input_price: 0.25,
      output_price: 1.25,
      routable: true,
    });
    expect(haiku?.capabilities).toEqual(expect.arrayContaining(['streaming', 'tools']));
    expect(parsed.models.find((model) => model.name === 'embed')).toMatchObject({
      kind: 'embedding',
      routable: false,
    });
  });

  it('reads the other config formats (LLMRouter candidate JSON)', async () => {
    const result = await runCli(['models', '--config', 'configs/bedrock_llm_candidates.json', '--json']);
    expect(result.code).toBe(0);
    expect((JSON.parse(result.stdout) as { models: unknown[] }).models.length).toBeGreaterThan(0);
  });
});
