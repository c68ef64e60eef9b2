import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CLI_ROOT, ensureBuilt, runCli } from './testing/cli-process';

const COMMANDS = ['serve', 'infer', 'chat', 'train', 'eval', 'doctor', 'models', 'generate-data'];

beforeAll(() => ensureBuilt(), 120_000);

/** Every module `dist/main.js` loads before a command runs: itself and its static imports. */
function staticGraph(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  const text = readFileSync(join(CLI_ROOT, 'dist', file), 'utf8');
  for (const match of text.matchAll(/^(?:import|export)\s[^;]*?from\s*"([^"]+)"|^import\s*"([^"]+)"/gm)) {
    const target = match[1] ?? match[2] ?? '';
    if (target.startsWith('./')) staticGraph(target.slice(2), seen);
    else seen.add(target);
  }
  return seen;
}

describe('llmrouter --help and conventions', () => {
  it('lists every command and the exit codes', async () => {
    const result = await runCli(['--help']);
    expect(result.code).toBe(0);
    for (const command of COMMANDS) expect(result.stdout).toContain(`  ${command}`);
    expect(result.stdout).toContain('Exit codes:');
  });

  it('has --help on every command, without colour under NO_COLOR', async () => {
    const results = await Promise.all(COMMANDS.map((command) => runCli([command, '--help'])));
    results.forEach((result, index) => {
      expect(result.code).toBe(0);
      expect(result.stdout).toContain(`llmrouter ${COMMANDS[index]}:`);
      expect(result.stdout).toContain('--help');
      expect(result.stdout).not.toContain('\u001b[');
    });
  });

  it('prints the version of package.json', async () => {
    const { version } = JSON.parse(readFileSync(join(CLI_ROOT, 'package.json'), 'utf8')) as {
      version: string;
    };
    const result = await runCli(['--version']);
    expect(result.stdout.trim()).toBe(version);
  });

  it('loads no provider, AWS SDK, Hono or config code for --help', () => {
    const modules = [...staticGraph('main.js')];
    expect(modules.filter((name) => !name.startsWith('chunk-') && name !== 'main.js')).toEqual(
      expect.not.arrayContaining([expect.stringMatching(/aws-sdk|hono|undici|ws|bedrock|zod|yaml/)]),
    );
    const code = modules
      .filter((name) => name.endsWith('.js'))
      .map((name) => readFileSync(join(CLI_ROOT, 'dist', name), 'utf8'))
      .join('\n');
    expect(code.length).toBeLessThan(60_000);
    // String literals survive minification: zod's messages, the gateway's SSE type, the Bedrock SDK's name.
    expect(code).not.toMatch(/Invalid input|text\/event-stream|client-bedrock-runtime|bedrock-emulator/);
  });

  it('rejects an unknown command and an unknown flag with exit 2 and a hint', async () => {
    const unknownCommand = await runCli(['frobnicate']);
    expect(unknownCommand.code).toBe(2);
    expect(unknownCommand.stderr).toMatch(/Unknown command "frobnicate"/);
    const unknownFlag = await runCli(['infer', '--qeury', 'hi']);
    expect(unknownFlag.code).toBe(2);
    expect(unknownFlag.stderr).toMatch(/--qeury/);
    expect(unknownFlag.stderr).toMatch(/hint: Run `llmrouter infer --help`/);
  });

  it('reports a missing config with exit 3 and the three ways to give one', async () => {
    const result = await runCli(['models'], { cwd: CLI_ROOT });
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/hint: Pass --config/);
    const missing = await runCli(['models', '--config', 'nope.yaml']);
    expect(missing.code).toBe(3);
    expect(missing.stderr).toMatch(/config_not_found/);
  });
});
