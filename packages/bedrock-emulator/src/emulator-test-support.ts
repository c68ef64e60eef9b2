import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BedrockRuntimeClient, type BedrockRuntimeClientConfig } from '@aws-sdk/client-bedrock-runtime';
import { NodeHttpHandler } from '@smithy/node-http-handler';

export type HandlerKind = 'http2' | 'http1';
export const HANDLERS: HandlerKind[] = ['http2', 'http1'];

const ISOLATED_VARIABLES = [
  'HOME',
  'AWS_CONFIG_FILE',
  'AWS_SHARED_CREDENTIALS_FILE',
  'AWS_EC2_METADATA_DISABLED',
  'AWS_PROFILE',
  'AWS_REGION',
  'AWS_DEFAULT_REGION',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_BEARER_TOKEN_BEDROCK',
  'AWS_ENDPOINT_URL',
  'AWS_ENDPOINT_URL_BEDROCK_RUNTIME',
  'AWS_AUTH_SCHEME_PREFERENCE',
];

/**
 * Points HOME and the AWS config files at an empty temporary folder so the SDK never reads the
 * developer's real profile, and clears AWS variables; returns a function that restores everything.
 */
export function isolateAwsEnvironment(): () => void {
  const saved = new Map(ISOLATED_VARIABLES.map((name) => [name, process.env[name]]));
  const home = mkdtempSync(join(tmpdir(), 'bedrock-emulator-home-'));
  for (const name of ISOLATED_VARIABLES) delete process.env[name];
  process.env.HOME = home;
  process.env.AWS_CONFIG_FILE = join(home, 'config');
  process.env.AWS_SHARED_CREDENTIALS_FILE = join(home, 'credentials');
  process.env.AWS_EC2_METADATA_DISABLED = 'true';
  return () => {
    for (const [name, value] of saved) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    rmSync(home, { recursive: true, force: true });
  };
}

export interface ClientOptions {
  handler?: HandlerKind;
  region?: string;
  accessKeyId?: string;
  sessionToken?: string;
  /** Use a Bedrock API key (bearer token) instead of SigV4. */
  bearerToken?: string;
}

/** A real BedrockRuntimeClient aimed at the emulator, without retries so fault tests stay fast. */
export function createClient(url: string, options: ClientOptions = {}): BedrockRuntimeClient {
  const config: BedrockRuntimeClientConfig = {
    endpoint: url,
    region: options.region ?? 'us-east-1',
    maxAttempts: 1,
  };
  if (options.handler === 'http1') config.requestHandler = new NodeHttpHandler();
  if (options.bearerToken !== undefined) {
    config.token = { token: options.bearerToken };
    config.authSchemePreference = ['httpBearerAuth'];
  } else {
    config.credentials = {
      accessKeyId: options.accessKeyId ?? 'AKIDEMULATORTEST',
      secretAccessKey: 'emulator-secret',
      ...(options.sessionToken === undefined ? {} : { sessionToken: options.sessionToken }),
    };
  }
  return new BedrockRuntimeClient(config);
}

/** The SDK error a promise rejects with, for asserting `name` and `$metadata`. */
export async function caught(
  promise: Promise<unknown>,
): Promise<Error & { $metadata?: { httpStatusCode?: number } }> {
  try {
    await promise;
  } catch (error) {
    return error as Error & { $metadata?: { httpStatusCode?: number } };
  }
  throw new Error('expected the call to fail');
}
