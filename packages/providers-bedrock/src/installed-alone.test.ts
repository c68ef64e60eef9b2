import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, expect, it } from 'vitest';

const run = promisify(execFile);
const packageFolder = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const workspace = resolve(packageFolder, '../..');
const PACKAGES = ['errors', 'core', 'bedrock-emulator', 'providers-bedrock'];
const folder = mkdtempSync(join(tmpdir(), 'llmrouter-bedrock-alone-'));

afterAll(() => rmSync(folder, { recursive: true, force: true }));

/**
 * Installs the packed packages with plain npm in a folder outside the workspace (no pnpm links, no
 * hoisting from the monorepo) and runs the README example there: proves the published package works
 * with only its declared dependencies.
 */
it('works when installed alone with npm: the README example runs against the emulator', async () => {
  const missing = PACKAGES.filter(
    (name) => !existsSync(join(workspace, 'packages', name, 'dist', 'index.js')),
  );
  if (missing.length > 0) {
    const filters = missing.flatMap((name) => ['--filter', `@llmrouter/${name}`]);
    await run('pnpm', [...filters, 'build'], {
      cwd: workspace,
      env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1' },
    });
  }
  // pnpm pack writes the same tarball as npm pack, with workspace:^ ranges turned into versions.
  for (const name of PACKAGES) {
    await run('pnpm', ['pack', '--pack-destination', folder], { cwd: join(workspace, 'packages', name) });
  }
  const tarballs = readdirSync(folder)
    .filter((file) => file.endsWith('.tgz'))
    .map((file) => `./${file}`);
  expect(tarballs).toHaveLength(PACKAGES.length);
  writeFileSync(
    join(folder, 'package.json'),
    JSON.stringify({ name: 'bedrock-alone', private: true, type: 'module' }),
  );
  await run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', ...tarballs], {
    cwd: folder,
    maxBuffer: 10_000_000,
  });
  copyFileSync(join(packageFolder, 'examples', 'basic.mjs'), join(folder, 'basic.mjs'));
  const environment = {
    PATH: process.env.PATH ?? '',
    HOME: folder,
    AWS_EC2_METADATA_DISABLED: 'true',
    NODE_NO_WARNINGS: '1',
  };
  const { stdout } = await run('node', ['basic.mjs'], { cwd: folder, env: environment });
  expect(stdout).toMatch(/^text: Emulated reply from anthropic\.claude-3-haiku-20240307-v1:0\./m);
  expect(stdout).toMatch(/^finish: stop$/m);
  expect(stdout).toMatch(/^tokens: \d+ in, \d+ out$/m);
  expect(stdout).toMatch(/^region: us-east-1$/m);
  expect(stdout).toMatch(/same text: true$/m);
  expect(stdout).toMatch(/^answered by: us\.anthropic\.claude-sonnet-4-5-20250929-v1:0$/m);
  // Nothing resolved from the workspace: the installed copy is a real folder, not a link.
  const { stdout: resolved } = await run(
    'node',
    ['--input-type=module', '-e', "console.log(import.meta.resolve('@llmrouter/providers-bedrock'))"],
    { cwd: folder, env: environment },
  );
  expect(resolved).toContain(folder.split('/').at(-1));
}, 180_000);
