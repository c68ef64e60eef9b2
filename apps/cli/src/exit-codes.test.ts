import { ERROR_CODES } from '@llmrouter/errors';
import { describe, expect, it } from 'vitest';
import { EXIT_CODES } from './exit-codes';

describe('exit codes', () => {
  it('map every error code, and never to 0 or 1 (success, some items failed)', () => {
    expect(Object.keys(EXIT_CODES).sort()).toEqual(Object.keys(ERROR_CODES).sort());
    for (const code of Object.values(EXIT_CODES)) expect(code).toBeGreaterThan(1);
  });

  it('are documented in docs/cli.md', async () => {
    const { readFile } = await import('node:fs/promises');
    const docs = await readFile(new URL('../../../docs/cli.md', import.meta.url), 'utf8');
    for (const [code, exit] of Object.entries(EXIT_CODES))
      expect(docs).toMatch(new RegExp(`\\| ${exit} +\\|[^\\n]*\\b${code}\\b`));
  });
});
