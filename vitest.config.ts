import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

// Tests run against the TypeScript sources of workspace packages, not their dist builds, so a
// change is tested without a rebuild. Each `exports` entry `./dist/x.js` maps to `./src/x.ts`.
function workspaceAliases(): Array<{ find: RegExp; replacement: string }> {
  const aliases: Array<{ specifier: string; replacement: string }> = [];
  for (const folder of ['packages', 'apps']) {
    for (const name of readdirSync(folder)) {
      const manifestPath = join(folder, name, 'package.json');
      if (!existsSync(manifestPath)) continue;
      const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as {
        name: string;
        exports?: Record<string, { import?: string } | string>;
      };
      for (const [subpath, target] of Object.entries(manifest.exports ?? {})) {
        const file = typeof target === 'string' ? target : target.import;
        if (!file?.startsWith('./dist/') || !file.endsWith('.js')) continue;
        const source = resolve(folder, name, file.replace('./dist/', 'src/').replace(/\.js$/, '.ts'));
        const specifier = subpath === '.' ? manifest.name : `${manifest.name}/${subpath.slice(2)}`;
        aliases.push({ specifier, replacement: source });
      }
    }
  }
  // Anchored, so `@llmrouter/core` never captures `@llmrouter/core/testing`.
  return aliases.map(({ specifier, replacement }) => ({ find: new RegExp(`^${specifier}$`), replacement }));
}

export default defineConfig({
  resolve: { alias: workspaceAliases() },
  test: {
    include: ['packages/*/src/**/*.test.ts', 'apps/*/src/**/*.test.ts', 'tests/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    env: { AWS_EC2_METADATA_DISABLED: 'true' },
  },
});
