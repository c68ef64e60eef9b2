import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type BedrockEmulator,
  type BedrockEmulatorOptions,
  startBedrockEmulator,
} from '@llmrouter/bedrock-emulator';
import { type BedrockProvider, createBedrockProvider } from './bedrock-provider';
import type { BedrockProviderSettings } from './bedrock-provider-settings';

/** Test-only: AWS variables the tests control; everything else in the environment is left alone. */
const AWS_VARIABLES = [
  'HOME',
  'AWS_REGION',
  'AWS_DEFAULT_REGION',
  'AWS_PROFILE',
  'AWS_DEFAULT_PROFILE',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_BEARER_TOKEN_BEDROCK',
  'AWS_CONFIG_FILE',
  'AWS_SHARED_CREDENTIALS_FILE',
  'AWS_EC2_METADATA_DISABLED',
  'AWS_WEB_IDENTITY_TOKEN_FILE',
  'AWS_ROLE_ARN',
  'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
  'AWS_CONTAINER_CREDENTIALS_FULL_URI',
  'AWS_ENDPOINT_URL',
  'AWS_ENDPOINT_URL_BEDROCK_RUNTIME',
];

export interface AwsSandbox {
  folder: string;
  /** Writes ~/.aws/credentials and ~/.aws/config (ini text) inside the sandbox. */
  writeFiles(files: { credentials?: string; config?: string }): void;
  restore(): void;
}

/**
 * Points HOME and the AWS file variables at a fresh temp folder and clears the AWS variables, so no
 * test sees the developer's real credentials or metadata service. `restore()` puts everything back.
 */
export function sandboxAwsEnvironment(variables: Record<string, string> = {}): AwsSandbox {
  const saved = new Map(AWS_VARIABLES.map((name) => [name, process.env[name]]));
  const folder = mkdtempSync(join(tmpdir(), 'llmrouter-bedrock-'));
  for (const name of AWS_VARIABLES) delete process.env[name];
  Object.assign(process.env, {
    HOME: folder,
    AWS_CONFIG_FILE: join(folder, 'config'),
    AWS_SHARED_CREDENTIALS_FILE: join(folder, 'credentials'),
    AWS_EC2_METADATA_DISABLED: 'true',
    ...variables,
  });
  return {
    folder,
    writeFiles(files) {
      if (files.credentials !== undefined) writeFileSync(join(folder, 'credentials'), files.credentials);
      if (files.config !== undefined) writeFileSync(join(folder, 'config'), files.config);
    },
    restore() {
      for (const [name, value] of saved) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
      rmSync(folder, { recursive: true, force: true });
    },
  };
}

export const TEST_KEYS = {
  accessKeyId: 'AKIDEXAMPLETESTKEY01',
  secretAccessKey: 'test-secret-access-key-do-not-log-0001',
};

export async function startEmulator(options: BedrockEmulatorOptions = {}): Promise<BedrockEmulator> {
  return startBedrockEmulator({ ...options });
}

/** A provider pointed at the emulator with static test keys, keep-alive HTTP/1.1 and no SDK retries (faults stay visible). */
export function emulatorProvider(
  emulator: BedrockEmulator,
  settings: BedrockProviderSettings = {},
): BedrockProvider {
  return createBedrockProvider({
    region: 'us-east-1',
    endpoint: emulator.url,
    maxRetries: 0,
    // Keep-alive HTTP/1.1 reuses one connection; HTTP/2 still opens a session per stream, which makes
    // property tests with hundreds of calls slow. Conformance runs both handlers.
    httpHandler: 'http1',
    ...TEST_KEYS,
    ...settings,
  });
}

export const HAIKU = 'anthropic.claude-3-haiku-20240307-v1:0';
