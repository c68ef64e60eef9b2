import { existsSync, realpathSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { defineConfig } from 'tsup';

// The bedrock emulator is used only by `serve --demo` and loads on its own; the AWS SDK and the optional
// embedder packages are imported lazily by specifier at run time, so they must stay outside the bundle.
const runtimeExternals = /^(@aws-sdk\/|@smithy\/|@energetic-ai\/|@llmrouter\/bedrock-emulator$)/;

function findManifest(from: string, name: string): string | undefined {
  for (let folder = from; ; folder = dirname(folder)) {
    const candidate = join(folder, 'node_modules', name, 'package.json');
    if (existsSync(candidate)) return realpathSync(candidate);
    if (dirname(folder) === folder) return undefined;
  }
}

/**
 * Workspace packages are bundled from their TypeScript sources and marked free of side effects, so each
 * command's chunk holds only the modules it uses: `--help` loads none of them, `infer --route-only`
 * loads the config and routing code but not Hono, the WebSocket server or the AWS SDK.
 */
function workspaceSources(): import('esbuild').Plugin {
  return {
    name: 'llmrouter-workspace-sources',
    setup(build) {
      // zod bundles error messages in 40 languages (a quarter megabyte, 40% of the config chunk) behind
      // `z.locales`, which no workspace package uses; English, zod's default, stays.
      build.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
        /[\\/]zod[\\/]v4[\\/](classic|core)[\\/]/.test(args.importer)
          ? {
              path: 'zod-locales',
              namespace: 'llmrouter-zod-locales',
              pluginData: join(dirname(args.importer), '../locales/en.js'),
            }
          : undefined,
      );
      build.onLoad({ filter: /.*/, namespace: 'llmrouter-zod-locales' }, (args) => ({
        contents: `export { default as en } from ${JSON.stringify(args.pluginData)};`,
        resolveDir: dirname(args.pluginData as string),
      }));
      // See src/lazy-undici.ts: the HTTP provider's undici loads on its first request, not at start-up.
      build.onResolve({ filter: /^undici$/ }, (args) =>
        args.importer.includes('/providers-http/src/') ? { path: resolve('src/lazy-undici.ts') } : undefined,
      );
      build.onResolve({ filter: /^@llmrouter\/server\/src\// }, (args) => {
        const manifest = findManifest(args.resolveDir, '@llmrouter/server');
        const module = args.path.slice('@llmrouter/server/'.length);
        return manifest ? { path: join(dirname(manifest), `${module}.ts`), sideEffects: false } : undefined;
      });
      build.onResolve({ filter: /^@llmrouter\/[a-z-]+$/ }, (args) => {
        if (runtimeExternals.test(args.path)) return undefined;
        const manifest = findManifest(args.resolveDir, args.path);
        return manifest ? { path: join(dirname(manifest), 'src/index.ts'), sideEffects: false } : undefined;
      });
    },
  };
}

export default defineConfig({
  entry: ['src/main.ts'],
  format: ['esm'],
  target: 'node20',
  platform: 'node',
  splitting: true,
  // Less source to parse at start-up; `node --enable-source-maps` maps stack traces back to the sources.
  minify: true,
  clean: true,
  sourcemap: true,
  // LLMROUTER_METAFILE=1 pnpm build writes dist/metafile-esm.json, to see what each chunk holds.
  metafile: process.env.LLMROUTER_METAFILE === '1',
  noExternal: [/^(?!@aws-sdk\/|@smithy\/|@energetic-ai\/|@llmrouter\/bedrock-emulator$)/],
  external: [runtimeExternals],
  esbuildPlugins: [workspaceSources()],
  // Bundled CommonJS dependencies (ws, for serve) call require() for Node built-ins.
  banner: {
    js: "#!/usr/bin/env node\nimport { createRequire as __llmrouterCreateRequire } from 'node:module';\nconst require = __llmrouterCreateRequire(import.meta.url);",
  },
});
