import type { BedrockEmulator } from '@llmrouter/bedrock-emulator';
import { caughtError } from '@llmrouter/core/testing';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createBedrockProvider } from './bedrock-provider';
import { BEDROCK_INTERNALS } from './bedrock-sdk';
import {
  type AwsSandbox,
  emulatorProvider,
  HAIKU,
  sandboxAwsEnvironment,
  startEmulator,
  TEST_KEYS,
} from './bedrock-test-support';
import { describeBedrockCredentialSource } from './describe-bedrock-credential-source';

const hello = {
  messages: [{ role: 'user' as const, content: [{ type: 'text' as const, text: 'Hello' }] }],
  maxTokens: 16,
};

let emulator: BedrockEmulator;
let sandbox: AwsSandbox;
beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(() => emulator.close());
beforeEach(() => {
  sandbox = sandboxAwsEnvironment();
  emulator.reset();
});
afterEach(() => sandbox.restore());

describe('SigV4 credentials', () => {
  it('signs with static keys from the settings', async () => {
    await emulatorProvider(emulator).chatModel(HAIKU).generate(hello);
    expect(emulator.requests.at(-1)).toMatchObject({
      auth: 'sigv4',
      accessKeyId: TEST_KEYS.accessKeyId,
      region: 'us-east-1',
      operation: 'Converse',
    });
  });

  it('reads a profile from AWS_SHARED_CREDENTIALS_FILE and its region from AWS_CONFIG_FILE', async () => {
    sandbox.writeFiles({
      credentials:
        '[dev]\naws_access_key_id = AKIDPROFILEDEV000001\naws_secret_access_key = profile-secret-0001\n',
      config: '[profile dev]\nregion = eu-west-1\n',
    });
    const provider = createBedrockProvider({ profile: 'dev', endpoint: emulator.url, maxRetries: 0 });
    const result = await provider.chatModel(HAIKU).generate(hello);
    expect(emulator.requests.at(-1)).toMatchObject({
      auth: 'sigv4',
      accessKeyId: 'AKIDPROFILEDEV000001',
      region: 'eu-west-1',
    });
    expect(result.providerMetadata.bedrock?.region).toBe('eu-west-1');
    await expect(describeBedrockCredentialSource({ profile: 'dev' })).resolves.toMatchObject({
      kind: 'profile',
      profile: 'dev',
    });
  });

  it('uses the default chain: environment variables, then AWS_PROFILE', async () => {
    process.env.AWS_ACCESS_KEY_ID = 'AKIDENVIRONMENT00001';
    process.env.AWS_SECRET_ACCESS_KEY = 'environment-secret-0001';
    await createBedrockProvider({ region: 'us-west-2', endpoint: emulator.url })
      .chatModel(HAIKU)
      .generate(hello);
    expect(emulator.requests.at(-1)).toMatchObject({
      accessKeyId: 'AKIDENVIRONMENT00001',
      region: 'us-west-2',
    });
    await expect(describeBedrockCredentialSource({})).resolves.toMatchObject({ kind: 'environment' });

    delete process.env.AWS_ACCESS_KEY_ID;
    delete process.env.AWS_SECRET_ACCESS_KEY;
    sandbox.writeFiles({
      credentials:
        '[team]\naws_access_key_id = AKIDTEAMPROFILE00001\naws_secret_access_key = team-secret-0001\n',
      config: '[profile team]\nregion = us-east-2\n',
    });
    process.env.AWS_PROFILE = 'team';
    await createBedrockProvider({ endpoint: emulator.url }).chatModel(HAIKU).generate(hello);
    expect(emulator.requests.at(-1)).toMatchObject({
      accessKeyId: 'AKIDTEAMPROFILE00001',
      region: 'us-east-2',
    });
    await expect(describeBedrockCredentialSource({})).resolves.toMatchObject({
      kind: 'profile',
      profile: 'team',
    });
  });

  it('describes SSO, web identity, container and instance sources without secrets', async () => {
    sandbox.writeFiles({
      config:
        '[profile sso-dev]\nsso_session = corp\nsso_account_id = 123456789012\nsso_role_name = Dev\n[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = us-east-1\n',
    });
    await expect(describeBedrockCredentialSource({ profile: 'sso-dev' })).resolves.toMatchObject({
      kind: 'sso',
    });
    await expect(
      describeBedrockCredentialSource(
        {},
        {
          AWS_WEB_IDENTITY_TOKEN_FILE: '/var/run/token',
          AWS_ROLE_ARN: 'arn:aws:iam::123456789012:role/x',
          AWS_EC2_METADATA_DISABLED: 'true',
        },
      ),
    ).resolves.toMatchObject({ kind: 'web-identity' });
    await expect(
      describeBedrockCredentialSource(
        {},
        { AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: '/v2/credentials/x', AWS_EC2_METADATA_DISABLED: 'true' },
      ),
    ).resolves.toMatchObject({ kind: 'container' });
    await expect(describeBedrockCredentialSource({}, {})).resolves.toMatchObject({ kind: 'instance' });
    await expect(
      describeBedrockCredentialSource({}, { AWS_EC2_METADATA_DISABLED: 'true' }),
    ).resolves.toMatchObject({ kind: 'none' });
    const described = await describeBedrockCredentialSource({ apiKey: 'ABSKsecretapikeyvalue0123456789' });
    expect(described.kind).toBe('api-key');
    expect(JSON.stringify(described)).not.toContain('ABSKsecret');
  });

  it('maps no credentials to provider_credentials_missing with the three ways in the hint', async () => {
    const error = await caughtError(
      createBedrockProvider({ region: 'us-east-1', endpoint: emulator.url }).chatModel(HAIKU).generate(hello),
    );
    expect(error.code).toBe('provider_credentials_missing');
    expect(error.hint).toMatch(/environment variables/);
    expect(error.hint).toMatch(/~\/\.aws\/credentials/);
    expect(error.hint).toMatch(/IAM role/);
    expect(emulator.requests).toHaveLength(0);
  });

  it('maps expired and invalid credentials to provider_auth', async () => {
    const expired = await caughtError(
      emulatorProvider(emulator, { accessKeyId: 'expiredAKID000000001', secretAccessKey: 'secret-0001' })
        .chatModel(HAIKU)
        .generate(hello),
    );
    expect(expired.code).toBe('provider_auth');
    expect(expired.hint).toMatch(/expired/);
    const invalid = await caughtError(
      emulatorProvider(emulator, { accessKeyId: 'invalidAKID000000001', secretAccessKey: 'secret-0001' })
        .chatModel(HAIKU)
        .generate(hello),
    );
    expect(invalid.code).toBe('provider_auth');
  });
});

describe('Bedrock API keys (bearer token)', () => {
  it('sends the apiKey setting as a bearer token', async () => {
    const provider = createBedrockProvider({
      region: 'us-east-1',
      endpoint: emulator.url,
      apiKey: 'ABSKQmVkcm9ja0FQSUtleS1leGFtcGxlLTAwMDE=',
    });
    await provider.chatModel(HAIKU).generate(hello);
    expect(emulator.requests.at(-1)).toMatchObject({ auth: 'bearer' });
    expect(emulator.requests.at(-1)?.accessKeyId).toBeUndefined();
  });

  it('reads AWS_BEARER_TOKEN_BEDROCK lazily, and explicit keys win over it', async () => {
    const provider = createBedrockProvider({ region: 'us-east-1', endpoint: emulator.url });
    process.env.AWS_BEARER_TOKEN_BEDROCK = 'ABSKZW52aXJvbm1lbnQtdG9rZW4tMDAwMDE=';
    await provider.chatModel(HAIKU).stream(hello)[Symbol.asyncIterator]().next();
    expect(emulator.requests.at(-1)).toMatchObject({ auth: 'bearer', operation: 'ConverseStream' });
    await emulatorProvider(emulator).chatModel(HAIKU).generate(hello);
    expect(emulator.requests.at(-1)).toMatchObject({ auth: 'sigv4', accessKeyId: TEST_KEYS.accessKeyId });
  });

  it('maps an expired API key to provider_auth', async () => {
    const error = await caughtError(
      createBedrockProvider({
        region: 'us-east-1',
        endpoint: emulator.url,
        apiKey: 'expired-bedrock-api-key-0001',
      })
        .chatModel(HAIKU)
        .generate(hello),
    );
    expect(error.code).toBe('provider_auth');
  });
});

describe('client reuse', () => {
  it('builds one SDK client per region and credential identity', async () => {
    const created: string[] = [];
    const provider = createBedrockProvider({
      region: 'us-east-1',
      endpoint: emulator.url,
      ...TEST_KEYS,
      [BEDROCK_INTERNALS]: { onClientCreated: (key: string) => created.push(key) },
    } as never);
    await provider.chatModel(HAIKU).generate(hello);
    await provider.chatModel(HAIKU).generate(hello);
    await provider.chatModel('amazon.nova-lite-v1:0').generate(hello);
    expect(created).toHaveLength(1);
    await provider.chatModel(HAIKU, { region: 'us-west-2' }).generate(hello);
    await provider.chatModel('amazon.nova-lite-v1:0', { region: 'us-west-2' }).generate(hello);
    expect(created).toHaveLength(2);
    expect(created.join(' ')).not.toContain(TEST_KEYS.secretAccessKey);
    expect(created.join(' ')).not.toContain(TEST_KEYS.accessKeyId);
    provider.close();
  });
});
