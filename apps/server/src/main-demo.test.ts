import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// What `pnpm start` runs: the built entry point serving configs/demo.yaml on the in-process emulator.
const serverRoot = fileURLToPath(new URL('..', import.meta.url));
const main = join(serverRoot, 'dist/main.js');
let child: ChildProcess;
let url = '';
let stderr = '';

beforeAll(async () => {
  if (!existsSync(main))
    execFileSync('pnpm', ['--filter', '@llmrouter/server', 'build'], { stdio: 'ignore' });
  child = spawn(process.execPath, [main], {
    cwd: join(serverRoot, '../..'),
    env: {
      ...process.env,
      PORT: '0',
      HOME: mkdtempSync(join(tmpdir(), 'llmrouter-home-')),
      AWS_EC2_METADATA_DISABLED: 'true',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.resume();
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no banner: ${stderr}`)), 20_000);
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      const match = /gateway \(demo\) on (http:\/\/\S+)/.exec(stderr);
      if (match?.[1] && stderr.includes('real AWS')) {
        url = match[1];
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => reject(new Error(`exited with ${code}: ${stderr}`)));
  });
}, 120_000);

afterAll(() => {
  if (child.exitCode === null) child.kill('SIGKILL');
});

describe('pnpm start (the demo gateway)', () => {
  it('says plainly that the emulator answers, with a curl line and how to switch to real AWS', () => {
    expect(stderr).toContain('answered by the built-in Bedrock emulator');
    expect(stderr).toContain('no AWS account is used');
    expect(stderr).toMatch(/curl http:\/\/127\.0\.0\.1:\d+\/v1\/chat\/completions/);
    expect(stderr).toContain('docs/aws-credentials.md');
  });

  it('answers the curl line it prints', async () => {
    const response = await fetch(`${url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        model: 'auto',
        messages: [{ role: 'user', content: 'Write a python function that adds two numbers' }],
      }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-llmrouter-model')).toBe('claude-sonnet-4-5');
    const body = (await response.json()) as { choices: Array<{ message: { content: string } }> };
    expect(body.choices[0]?.message.content).toMatch(/^\[claude-sonnet-4-5\] /);
  });

  it('stops gracefully on SIGTERM with exit code 0', async () => {
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
