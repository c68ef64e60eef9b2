import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// ARCHITECTURE.md: providers and strategies import only core and errors (plus their own third-party
// libraries); no package imports an app or another provider; only the apps assemble.
const root = join(import.meta.dirname, '..');
interface Manifest {
  name: string;
  private?: boolean;
  license?: string;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}
const manifests = ['packages', 'apps'].flatMap((folder) =>
  readdirSync(join(root, folder), { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(root, folder, entry.name, 'package.json')))
    .map((entry) => ({
      folder,
      manifest: JSON.parse(readFileSync(join(root, folder, entry.name, 'package.json'), 'utf8')) as Manifest,
    })),
);
const allowed: Record<string, string[]> = {
  '@llmrouter/errors': [],
  '@llmrouter/core': ['@llmrouter/errors'],
  '@llmrouter/providers-bedrock': ['@llmrouter/core', '@llmrouter/errors'],
  '@llmrouter/providers-http': ['@llmrouter/core', '@llmrouter/errors'],
  '@llmrouter/router-strategies': ['@llmrouter/core', '@llmrouter/errors'],
  '@llmrouter/bedrock-emulator': [],
};

describe('dependency rule', () => {
  it('every package is known to the rule', () => {
    for (const { folder, manifest } of manifests) {
      if (folder === 'packages') expect(Object.keys(allowed)).toContain(manifest.name);
    }
  });

  it.each(
    manifests.filter(({ folder }) => folder === 'packages').map(({ manifest }) => [manifest.name, manifest]),
  )('%s depends only on what it may', (name, manifest) => {
    const runtime = {
      ...manifest.dependencies,
      ...manifest.peerDependencies,
      ...manifest.optionalDependencies,
    };
    const workspace = Object.keys(runtime).filter((dependency) => dependency.startsWith('@llmrouter/'));
    expect(workspace.filter((dependency) => !allowed[name]?.includes(dependency))).toEqual([]);
    // Tests may use the emulator, never an app.
    const development = Object.keys(manifest.devDependencies ?? {}).filter((dependency) =>
      dependency.startsWith('@llmrouter/'),
    );
    expect(
      development.filter(
        (dependency) => dependency !== '@llmrouter/bedrock-emulator' && !allowed[name]?.includes(dependency),
      ),
    ).toEqual([]);
  });

  it('every package is MIT-licensed, and publishable unless it is an app', () => {
    for (const { folder, manifest } of manifests) {
      expect(manifest.license, manifest.name).toBe('MIT');
      expect(Boolean(manifest.private), manifest.name).toBe(folder === 'apps');
    }
  });
});
