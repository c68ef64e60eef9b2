import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type BedrockEmulator, startBedrockEmulator } from '@llmrouter/bedrock-emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, runCli, temporaryFolder } from './testing/cli-process';
import { startTestUpstream, type TestUpstream } from './testing/loopback-upstream';
import { writeTestConfig } from './testing/test-config';

let emulator: BedrockEmulator;
let upstream: TestUpstream;
let folder: string;
let config: string;

beforeAll(async () => {
  ensureBuilt();
  emulator = await startBedrockEmulator();
  upstream = await startTestUpstream((model, prompt) =>
    prompt.includes('fail') ? { status: 400, message: 'bad prompt' } : `${model} says hi`,
  );
  folder = temporaryFolder();
  config = writeTestConfig(folder, { emulatorUrl: emulator.url, upstreamUrl: upstream.url });
}, 120_000);

afterAll(async () => {
  await emulator?.close();
  await upstream?.close();
});

describe('llmrouter infer', () => {
  it('--route-only routes without credentials or any model call', async () => {
    const noKeys = writeTestConfig(temporaryFolder(), {
      emulatorUrl: 'http://127.0.0.1:9',
      upstreamUrl: 'http://127.0.0.1:9/v1',
      noCredentials: true,
    });
    const before = emulator.requests.length;
    const result = await runCli([
      'infer',
      '--route-only',
      '--config',
      noKeys,
      '--query',
      'write python code',
    ]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('sonnet\trules\trule 1 matched\n');
    expect(emulator.requests.length).toBe(before);
  });

  it('--route-only with --input and --output writes one decision per query', async () => {
    const input = join(folder, 'queries.jsonl');
    writeFileSync(
      input,
      ['{"query":"python please","id":1}', '"hello there"', '{"question":"a local question"}'].join('\n'),
    );
    const output = join(folder, 'routes.json');
    const result = await runCli([
      'infer',
      '--route-only',
      '--config',
      config,
      '--input',
      input,
      '--output',
      output,
    ]);
    expect(result.code).toBe(0);
    const records = JSON.parse(readFileSync(output, 'utf8')) as Array<{
      id?: number;
      model: string;
      query: string;
    }>;
    expect(records.map((record) => record.model)).toEqual(['sonnet', 'haiku', 'oracle']);
    expect(records[0]?.id).toBe(1);
    expect(result.stderr).toMatch(/3 of 3 routed/);
  });

  it('answers a query through the Bedrock emulator and shows model, tokens and cost', async () => {
    const result = await runCli(['infer', '--config', config, '--query', 'Say hello', '--max-tokens', '20']);
    expect(result.code).toBe(0);
    expect(result.stdout.trim().length).toBeGreaterThan(0);
    expect(result.stderr).toMatch(
      /haiku \(rules: no rule matched; default\) · \d+ in \/ \d+ out tokens · \$0\.\d+/,
    );
  });

  it('--json gives the full record; --model skips routing', async () => {
    const result = await runCli([
      'infer',
      '--config',
      config,
      '--query',
      'hi',
      '--model',
      'dunce',
      '--json',
      '--temperature',
      '0.2',
    ]);
    expect(result.code).toBe(0);
    const record = JSON.parse(result.stdout) as {
      model: string;
      answer: string;
      cost_usd: number;
      usage: { outputTokens: number };
    };
    expect(record.model).toBe('dunce');
    expect(record.answer).toBe('dunce-model says hi');
    expect(record.cost_usd).toBeGreaterThan(0);
    expect(upstream.requests.at(-1)?.model).toBe('dunce-model');
  });

  it('answers a batch with bounded concurrency and reports failed items with exit 1', async () => {
    const input = join(folder, 'batch.txt');
    writeFileSync(input, 'local one\nlocal two\nlocal fail please\nlocal four\n');
    const result = await runCli([
      'infer',
      '--config',
      config,
      '--input',
      input,
      '--concurrency',
      '2',
      '--output-format',
      'jsonl',
    ]);
    expect(result.code).toBe(1);
    const records = result.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { answer?: string; error?: { code: string; hint: string } });
    expect(records).toHaveLength(4);
    expect(records[0]?.answer).toBe('oracle-model says hi');
    expect(records[2]?.error?.code).toBe('provider_bad_request');
    expect(result.stderr).toMatch(/3 of 4 answered .*1 failed/);
  });

  it('a failing single query exits with the code of its error and prints the hint', async () => {
    const result = await runCli(['infer', '--config', config, '--model', 'oracle', '--query', 'please fail']);
    expect(result.code).toBe(10);
    expect(result.stderr).toMatch(/^hint: /m);
  });

  it('--router overrides the strategy; --route-only refuses the llm strategy', async () => {
    const random = await runCli([
      'infer',
      '--route-only',
      '--config',
      config,
      '--router',
      'random',
      '--query',
      'hi',
      '--json',
    ]);
    expect(random.code).toBe(0);
    expect(JSON.parse(random.stdout)).toMatchObject({ strategy: 'random' });
    const llmConfig = writeTestConfig(temporaryFolder(), {
      emulatorUrl: emulator.url,
      upstreamUrl: upstream.url,
      router: 'router:\n  strategy: llm\n  router_model: oracle\n  default: haiku\n',
    });
    const refused = await runCli(['infer', '--route-only', '--config', llmConfig, '--query', 'hi']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/unsupported_feature/);
    const knn = await runCli([
      'infer',
      '--route-only',
      '--config',
      config,
      '--router',
      'knnrouter',
      '--query',
      'hi',
    ]);
    expect(knn.code).toBe(2);
    expect(knn.stderr).toMatch(/--artifact/);
  });

  it('reads the config from LLMROUTER_CONFIG and from ./llmrouter.yaml', async () => {
    const fromEnv = await runCli(['infer', '--route-only', '--query', 'hi'], {
      env: { LLMROUTER_CONFIG: config },
    });
    expect(fromEnv.stdout).toMatch(/^haiku\t/);
    const fromCwd = await runCli(['infer', '--route-only', '--query', 'hi'], { cwd: folder });
    expect(fromCwd.stdout).toMatch(/^haiku\t/);
  });

  it('names a config error by path with exit 3', async () => {
    const broken = join(folder, 'broken.yaml');
    writeFileSync(broken, readFileSync(config, 'utf8').replace('input_price: 0.25', 'input_prize: 0.25'));
    const result = await runCli(['infer', '--route-only', '--config', broken, '--query', 'hi']);
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/input_prize/);
  });
});
