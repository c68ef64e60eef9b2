import { readFileSync } from 'node:fs';
import { ERROR_CODES } from '@llmrouter/errors';
import { describe, expect, it } from 'vitest';
import { HTTP_STATUS } from './error-status';

describe('docs/errors.md', () => {
  it('lists every error code with the status the gateway answers with', () => {
    const documentation = readFileSync(new URL('../../../../docs/errors.md', import.meta.url), 'utf8');
    for (const code of Object.keys(ERROR_CODES) as Array<keyof typeof HTTP_STATUS>) {
      expect(documentation, code).toMatch(
        new RegExp(`\\|\\s*\`${code}\`\\s*\\|\\s*${HTTP_STATUS[code]}\\s*\\|`),
      );
    }
  });
});
