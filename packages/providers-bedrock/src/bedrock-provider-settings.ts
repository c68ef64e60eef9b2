import { LLMRouterError } from '@llmrouter/errors';

/** A function the provider calls with one line per Bedrock call; never receives a secret. */
export interface BedrockLogger {
  debug(message: string, fields: Record<string, unknown>): void;
}

/** AWS credentials as the SDK's credential providers return them. */
export interface BedrockCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string | undefined;
  expiration?: Date | undefined;
}

/** An AWS credential provider (`fromIni()`, `fromTemporaryCredentials()`, …) or fixed credentials. */
export type BedrockCredentialProvider = BedrockCredentials | (() => Promise<BedrockCredentials>);

export interface BedrockProviderSettings {
  /** The AWS region. Default: `AWS_REGION`, then `AWS_DEFAULT_REGION`, then the profile's region. */
  region?: string;
  /** A profile of `~/.aws/credentials` / `~/.aws/config` (SSO profiles included). */
  profile?: string;
  accessKeyId?: string;
  secretAccessKey?: string;
  sessionToken?: string;
  /** A Bedrock API key, sent as a bearer token. Default: `AWS_BEARER_TOKEN_BEDROCK`. */
  apiKey?: string;
  /** Another Bedrock Runtime endpoint (a VPC endpoint, the emulator). */
  endpoint?: string;
  /** Milliseconds to open the connection. */
  connectTimeoutMs?: number;
  /** Milliseconds from sending the request to the first byte (the whole answer for `generate`, the first event for `stream`). */
  firstByteTimeoutMs?: number;
  /** Milliseconds for the whole call, stream included. */
  timeoutMs?: number;
  /** Retries of throttled and transient failures by the AWS SDK. Default: the SDK's (2). */
  maxRetries?: number;
  /** Retry once with the region's inference profile when the model has no on-demand throughput. Default true. */
  inferenceProfileFallback?: boolean;
  /** `http1` (the default: keep-alive connections, streams included) or `http2` (sessions shared, a session per stream). */
  httpHandler?: 'http2' | 'http1';
  logger?: BedrockLogger;
  /** An AWS credential provider, for anything the other settings do not cover. */
  credentials?: BedrockCredentialProvider;
}

type SettingKind = 'string' | 'number' | 'boolean' | 'handler' | 'logger' | 'credentials';

const SETTING_KINDS: Record<keyof BedrockProviderSettings, SettingKind> = {
  region: 'string',
  profile: 'string',
  accessKeyId: 'string',
  secretAccessKey: 'string',
  sessionToken: 'string',
  apiKey: 'string',
  endpoint: 'string',
  connectTimeoutMs: 'number',
  firstByteTimeoutMs: 'number',
  timeoutMs: 'number',
  maxRetries: 'number',
  inferenceProfileFallback: 'boolean',
  httpHandler: 'handler',
  logger: 'logger',
  credentials: 'credentials',
};

export const BEDROCK_SETTING_NAMES = Object.keys(SETTING_KINDS) as Array<keyof BedrockProviderSettings>;

// `kind` is added by the provider registry; the others are registry-level model settings it may pass along.
const IGNORED_KEYS = new Set(['kind']);

function invalid(message: string, hint: string, key: string): LLMRouterError {
  return new LLMRouterError({
    code: 'config_invalid',
    message,
    hint,
    provider: 'bedrock',
    details: { setting: key },
  });
}

function checkValue(key: string, kind: SettingKind, value: unknown): void {
  const fail = (expected: string) =>
    invalid(
      `Bedrock setting "${key}" must be ${expected}.`,
      `Set "${key}" to ${expected}, or remove it.`,
      key,
    );
  switch (kind) {
    case 'string':
      if (typeof value !== 'string' || value.trim() === '') throw fail('a non-empty string');
      return;
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value) || value < 0)
        throw fail('a non-negative number');
      if (key === 'maxRetries' && !Number.isInteger(value)) throw fail('a whole number');
      return;
    case 'boolean':
      if (typeof value !== 'boolean') throw fail('true or false');
      return;
    case 'handler':
      if (value !== 'http2' && value !== 'http1') throw fail('"http2" or "http1"');
      return;
    case 'logger':
      if (
        typeof value !== 'object' ||
        value === null ||
        typeof (value as BedrockLogger).debug !== 'function'
      ) {
        throw fail('an object with a debug(message, fields) method');
      }
      return;
    case 'credentials':
      if (typeof value === 'function') return;
      if (typeof value !== 'object' || value === null)
        throw fail('a credential provider function or credentials object');
      if (typeof (value as BedrockCredentials).accessKeyId !== 'string')
        throw fail('an object with accessKeyId and secretAccessKey');
      return;
  }
}

/**
 * Checks user settings strictly: an unknown key is a typo to report, not to ignore. Returns a copy
 * without `kind` and without undefined values.
 */
export function validateBedrockSettings(input: Record<string, unknown>): BedrockProviderSettings {
  const settings: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) {
    if (IGNORED_KEYS.has(key) || value === undefined) continue;
    const kind = Object.hasOwn(SETTING_KINDS, key)
      ? SETTING_KINDS[key as keyof BedrockProviderSettings]
      : undefined;
    if (kind === undefined) {
      throw invalid(
        `Unknown Bedrock setting "${key}". Known settings: ${BEDROCK_SETTING_NAMES.join(', ')}.`,
        `Remove "${key}" or rename it to one of: ${BEDROCK_SETTING_NAMES.join(', ')}.`,
        key,
      );
    }
    checkValue(key, kind, value);
    settings[key] = value;
  }
  const typed = settings as BedrockProviderSettings;
  if ((typed.accessKeyId === undefined) !== (typed.secretAccessKey === undefined)) {
    const missing = typed.accessKeyId === undefined ? 'accessKeyId' : 'secretAccessKey';
    throw invalid(
      'Bedrock settings give only half of a key pair.',
      `Set both accessKeyId and secretAccessKey (missing: ${missing}), or neither to use the default credential chain.`,
      missing,
    );
  }
  if (typed.sessionToken !== undefined && typed.accessKeyId === undefined) {
    throw invalid(
      'Bedrock setting "sessionToken" needs accessKeyId and secretAccessKey.',
      'Set accessKeyId and secretAccessKey with the session token.',
      'sessionToken',
    );
  }
  if (typed.endpoint !== undefined && !/^https?:\/\/[^\s/]+/.test(typed.endpoint)) {
    throw invalid(
      `Bedrock setting "endpoint" is not a URL: ${typed.endpoint}.`,
      'Set endpoint to a URL such as https://bedrock-runtime.us-east-1.amazonaws.com.',
      'endpoint',
    );
  }
  return typed;
}
