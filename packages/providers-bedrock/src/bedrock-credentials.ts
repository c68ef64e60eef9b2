import { createHash } from 'node:crypto';
import { registerSecret } from '@llmrouter/errors';
import type {
  BedrockCredentialProvider,
  BedrockCredentials,
  BedrockProviderSettings,
} from './bedrock-provider-settings';
import { profileName } from './bedrock-region';
import { type ImportModule, loadBedrockModule } from './bedrock-sdk';

/** How a client authenticates; `identity` keys the client cache without holding a secret. */
export type BedrockAuth =
  | { kind: 'bearer'; token: string; identity: string; source: 'api-key' }
  | { kind: 'sigv4'; credentials: BedrockCredentialProvider; identity: string; source: string };

interface CredentialProvidersModule {
  fromIni(init: { profile: string; ignoreCache?: boolean }): () => Promise<BedrockCredentials>;
  fromNodeProviderChain(init?: {
    profile?: string;
    ignoreCache?: boolean;
  }): () => Promise<BedrockCredentials>;
}

const customIdentities = new WeakMap<object, number>();
let nextCustomIdentity = 1;

function fingerprint(secret: string): string {
  return createHash('sha256').update(secret).digest('hex').slice(0, 16);
}

/**
 * Picks the credentials: explicit settings first (API key, keys, custom provider, profile), then
 * AWS_BEARER_TOKEN_BEDROCK, then the SDK's default chain (environment, SSO and ini profiles, web
 * identity, container and instance roles). Reads the environment only when called.
 */
export async function resolveBedrockAuth(
  settings: BedrockProviderSettings,
  env: NodeJS.ProcessEnv,
  importModule?: ImportModule,
): Promise<BedrockAuth> {
  if (settings.apiKey !== undefined) return bearer(settings.apiKey);
  if (settings.accessKeyId !== undefined && settings.secretAccessKey !== undefined) {
    registerSecret(settings.secretAccessKey);
    registerSecret(settings.sessionToken);
    const credentials: BedrockCredentials = {
      accessKeyId: settings.accessKeyId,
      secretAccessKey: settings.secretAccessKey,
    };
    if (settings.sessionToken !== undefined) credentials.sessionToken = settings.sessionToken;
    return {
      kind: 'sigv4',
      credentials,
      identity: `keys:${fingerprint(settings.accessKeyId + settings.secretAccessKey + (settings.sessionToken ?? ''))}`,
      source: 'settings',
    };
  }
  if (settings.credentials !== undefined) {
    let id = customIdentities.get(settings.credentials);
    if (id === undefined) {
      id = nextCustomIdentity++;
      customIdentities.set(settings.credentials, id);
    }
    return { kind: 'sigv4', credentials: settings.credentials, identity: `custom:${id}`, source: 'custom' };
  }
  const providers = await loadBedrockModule<CredentialProvidersModule>(
    '@aws-sdk/credential-providers',
    importModule,
  );
  if (settings.profile !== undefined) {
    return {
      kind: 'sigv4',
      credentials: providers.fromIni({ profile: settings.profile }),
      identity: `profile:${settings.profile}`,
      source: `profile ${settings.profile}`,
    };
  }
  const envToken = env.AWS_BEARER_TOKEN_BEDROCK;
  if (envToken) return bearer(envToken);
  // The chain reads AWS_PROFILE itself; keying on it keeps clients of different profiles apart.
  return {
    kind: 'sigv4',
    credentials: providers.fromNodeProviderChain(),
    identity: `chain:${profileName(undefined, env)}`,
    source: 'default chain',
  };
}

function bearer(token: string): BedrockAuth {
  registerSecret(token);
  return { kind: 'bearer', token, identity: `bearer:${fingerprint(token)}`, source: 'api-key' };
}
