import { type BedrockEmulator, startBedrockEmulator } from '@llmrouter/bedrock-emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, startCli, temporaryFolder } from './testing/cli-process';
import { startTestUpstream, type TestUpstream } from './testing/loopback-upstream';
import { writeTestConfig } from './testing/test-config';

let emulator: BedrockEmulator;
let upstream: TestUpstream;
let config: string;

beforeAll(async () => {
  ensureBuilt();
  emulator = await startBedrockEmulator();
  upstream = await startTestUpstream((model) => `${model} served`);
  config = writeTestConfig(temporaryFolder(), { emulatorUrl: emulator.url, upstreamUrl: upstream.url });
}, 120_000);

afterAll(async () => {
  await emulator?.close();
  await upstream?.close();
});

async function chat(
  url: string,
  model: string,
): Promise<{
  status: number;
  body: { choices?: Array<{ message: { content: string } }> };
  headers: Headers;
}> {
  const response = await fetch(`${url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model, messages: [{ role: 'user', content: 'write python code' }] }),
  });
  return { status: response.status, body: (await response.json()) as never, headers: response.headers };
}

describe('llmrouter serve', () => {
  it('serves the config on the port asked, with --router and --prefix, and stops on SIGTERM', async () => {
    const server = startCli([
      'serve',
      '--config',
      config,
      '--port',
      '0',
      '--router',
      'round_robin',
      '--prefix',
    ]);
    const url = (await server.waitFor(/http:\/\/127\.0\.0\.1:\d+/, 'stderr')) as string;
    expect(server.stderr()).toMatch(/strategy: round_robin/);
    const named = await chat(url, 'oracle');
    expect(named.status).toBe(200);
    expect(named.body.choices?.[0]?.message.content).toBe('[oracle] oracle-model served');
    const models = (await (await fetch(`${url}/v1/models`)).json()) as { data: Array<{ id: string }> };
    expect(models.data.map((model) => model.id)).toContain('sonnet');
    server.kill('SIGTERM');
    const result = await server.exited;
    expect(result.code).toBe(0);
    // One JSON log line per request on stdout.
    expect(result.stdout).toMatch(/"model":"oracle"/);
  });

  it('serves the emulator demo with --demo and without the prefix under --no-prefix', async () => {
    const server = startCli(['serve', '--demo', '--port', '0', '--no-prefix']);
    const url = (await server.waitFor(/http:\/\/127\.0\.0\.1:\d+/, 'stderr')) as string;
    await server.waitFor(/Bedrock emulator/, 'stderr');
    const answer = await chat(url, 'auto');
    expect(answer.status).toBe(200);
    expect(answer.headers.get('x-llmrouter-model') ?? '').not.toBe('');
    expect(answer.body.choices?.[0]?.message.content).not.toMatch(/^\[/);
    server.kill('SIGINT');
    expect((await server.exited).code).toBe(0);
  });

  it('refuses a bad port with exit 2', async () => {
    const server = startCli(['serve', '--config', config, '--port', 'eighty']);
    const result = await server.exited;
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--port must be a whole number/);
  });
});
