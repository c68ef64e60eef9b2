import { type BedrockEmulator, startBedrockEmulator } from '@llmrouter/bedrock-emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, runCli, temporaryFolder } from './testing/cli-process';
import { startTestUpstream, type TestUpstream } from './testing/loopback-upstream';
import { writeTestConfig } from './testing/test-config';

let emulator: BedrockEmulator;
let upstream: TestUpstream;

beforeAll(async () => {
  ensureBuilt();
  emulator = await startBedrockEmulator();
  upstream = await startTestUpstream(() => 'pong');
}, 120_000);

afterAll(async () => {
  await emulator?.close();
  await upstream?.close();
});

interface Check {
  model?: string;
  check: string;
  ok: boolean;
  detail: string;
  fix?: string;
}

describe('llmrouter doctor (the seeds\' "test Bedrock connectivity")', () => {
  it('passes every check, with a one-token call per model, and exits 0', async () => {
    const config = writeTestConfig(temporaryFolder(), {
      emulatorUrl: emulator.url,
      upstreamUrl: upstream.url,
    });
    const before = emulator.requests.length;
    const result = await runCli(['doctor', '--config', config]);
    expect(result.stdout).toMatch(/✓ config/);
    expect(result.stdout).toMatch(
      /haiku \(bedrock, anthropic\.claude-3-haiku-20240307-v1:0\)\n {2}✓ SDK +@aws-sdk\/client-bedrock-runtime \d/,
    );
    expect(result.stdout).toMatch(/✓ credentials +access keys from the provider settings/);
    expect(result.stdout).toMatch(/✓ region +us-east-1 \(from the provider block\)/);
    expect(result.stdout).toMatch(/✓ call +one-token call answered/);
    expect(result.stdout).toMatch(/all \d+ checks passed/);
    expect(result.code).toBe(0);
    expect(emulator.requests.length).toBeGreaterThan(before);
    expect(result.stdout + result.stderr).not.toContain('test-secret');
  });

  it('shows ✗ with the fix for each problem and exits 1; --offline makes no call', async () => {
    const config = writeTestConfig(temporaryFolder(), {
      emulatorUrl: emulator.url,
      upstreamUrl: upstream.url,
      noCredentials: true,
      extraModels: [
        '  sonnet-direct:',
        '    provider: bedrock',
        '    model: anthropic.claude-sonnet-4-5-20250929-v1:0',
        '  haiku-far:',
        '    provider: bedrock',
        '    model: anthropic.claude-3-haiku-20240307-v1:0',
        '    aws_region: me-south-1',
        '  marketplace:',
        '    provider: bedrock',
        '    model: arn:aws:sagemaker:us-east-1:123456789012:endpoint/my-marketplace-endpoint',
        '  keyless:',
        '    provider: openai-compatible',
        '    model: m',
        `    base_url: ${upstream.url}`,
        '    api_key_env: LLMROUTER_TEST_UNSET_KEY',
        '',
      ].join('\n'),
    });
    const before = emulator.requests.length + upstream.requests.length;
    const result = await runCli(['doctor', '--config', config, '--offline', '--json']);
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as { ok: boolean; checks: Check[] };
    expect(report.ok).toBe(false);
    const find = (model: string, check: string) =>
      report.checks.find((entry) => entry.model === model && entry.check === check);
    expect(find('haiku', 'credentials')).toMatchObject({
      ok: false,
      fix: expect.stringMatching(/AWS_ACCESS_KEY_ID/),
    });
    expect(find('sonnet-direct', 'model id')).toMatchObject({
      ok: false,
      fix: expect.stringMatching(/us\.anthropic\.claude-sonnet-4-5/),
    });
    expect(find('haiku-far', 'region')).toMatchObject({
      ok: false,
      fix: expect.stringMatching(/use one of/),
    });
    // A Bedrock Marketplace endpoint is an ARN like any other, not an unknown model.
    expect(find('marketplace', 'model id')).toMatchObject({
      ok: true,
      detail: 'arn arn:aws:sagemaker:us-east-1:123456789012:endpoint/my-marketplace-endpoint',
    });
    expect(find('keyless', 'credentials')).toMatchObject({
      ok: false,
      fix: 'export LLMROUTER_TEST_UNSET_KEY=<your key>',
    });
    expect(report.checks.some((entry) => entry.check === 'call')).toBe(false);
    expect(emulator.requests.length + upstream.requests.length).toBe(before);
  });

  it('finds credentials in the environment, checks one --model, and reports a failed call with its hint', async () => {
    const config = writeTestConfig(temporaryFolder(), {
      emulatorUrl: emulator.url,
      upstreamUrl: upstream.url,
      noCredentials: true,
    });
    const env = { AWS_ACCESS_KEY_ID: 'AKIAEMULATORTEST0000', AWS_SECRET_ACCESS_KEY: 'environment-secret' };
    const fine = await runCli(['doctor', '--config', config, '--model', 'haiku'], { env });
    expect(fine.code).toBe(0);
    expect(fine.stdout).toMatch(
      /✓ credentials +AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY environment variables/,
    );
    expect(fine.stdout).not.toMatch(/sonnet/);
    expect(fine.stdout).not.toContain('environment-secret');

    upstream.reply = () => ({ status: 401, message: 'invalid api key' });
    const failed = await runCli(['doctor', '--config', config, '--model', 'oracle']);
    upstream.reply = () => 'pong';
    expect(failed.code).toBe(1);
    expect(failed.stdout).toMatch(/✗ call +provider_auth: /);
    expect(failed.stdout).toMatch(/fix: /);
  });

  it('reports an invalid config as a failed check with the config exit code', async () => {
    const result = await runCli(['doctor', '--config', 'configs/does-not-exist.yaml']);
    expect(result.code).toBe(3);
    expect(result.stdout).toMatch(/✗ config/);
  });
});
