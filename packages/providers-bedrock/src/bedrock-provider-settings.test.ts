import { LLMRouterError } from '@llmrouter/errors';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createBedrockProvider } from './bedrock-provider';
import { BEDROCK_SETTING_NAMES, validateBedrockSettings } from './bedrock-provider-settings';

function errorOf(run: () => unknown): LLMRouterError {
  try {
    run();
  } catch (error) {
    if (LLMRouterError.is(error)) return error;
    throw error;
  }
  throw new Error('expected an error');
}

describe('Bedrock settings', () => {
  it('accepts every documented setting and ignores the registry kind', () => {
    const settings = validateBedrockSettings({
      kind: 'bedrock',
      region: 'eu-west-1',
      profile: 'dev',
      endpoint: 'https://bedrock-runtime.eu-west-1.amazonaws.com',
      connectTimeoutMs: 1000,
      firstByteTimeoutMs: 5000,
      timeoutMs: 60000,
      maxRetries: 2,
      inferenceProfileFallback: false,
      httpHandler: 'http1',
      logger: { debug() {} },
    });
    expect(settings).not.toHaveProperty('kind');
    expect(settings.region).toBe('eu-west-1');
  });

  it('names an unknown key and the known ones', () => {
    const error = errorOf(() => createBedrockProvider({ kind: 'bedrock', regoin: 'us-east-1' }));
    expect(error.code).toBe('config_invalid');
    expect(error.message).toContain('"regoin"');
    expect(error.message).toContain('region');
    expect(error.hint).toContain('region');
  });

  it.each([
    [{ region: 5 }, 'region'],
    [{ maxRetries: 1.5 }, 'maxRetries'],
    [{ timeoutMs: -1 }, 'timeoutMs'],
    [{ httpHandler: 'http3' }, 'httpHandler'],
    [{ accessKeyId: 'AKIDEXAMPLE' }, 'secretAccessKey'],
    [{ sessionToken: 'token-without-keys' }, 'sessionToken'],
    [{ endpoint: 'bedrock.local' }, 'endpoint'],
    [{ logger: {} }, 'logger'],
  ])('rejects %j', (input, key) => {
    const error = errorOf(() => createBedrockProvider(input as never));
    expect(error.code).toBe('config_invalid');
    expect(`${error.message} ${error.hint}`).toContain(key);
  });

  it('rejects a malformed region or model id at model creation, before any call', () => {
    const provider = createBedrockProvider({ region: 'us-east-1' });
    expect(
      errorOf(() => provider.chatModel('anthropic.claude-3-haiku-20240307-v1:0', { region: 'Virginia' }))
        .code,
    ).toBe('config_invalid');
    const invalid = errorOf(() => provider.chatModel('claude-3-haiku'));
    expect(invalid.code).toBe('model_not_found');
    expect(invalid.hint).toContain('anthropic.claude-3-haiku-20240307-v1:0');
  });

  it('property: any key outside the known settings is rejected by name', () => {
    const unknown = fc
      .string({ minLength: 1, maxLength: 12 })
      .filter(
        (key) => !(BEDROCK_SETTING_NAMES as string[]).includes(key) && key !== 'kind' && key !== '__proto__',
      );
    fc.assert(
      fc.property(unknown, (key) => {
        const error = errorOf(() => validateBedrockSettings({ [key]: 'x' }));
        expect(error.code).toBe('config_invalid');
        expect(error.message).toContain(`"${key}"`);
      }),
      { numRuns: 100 },
    );
  });
});
