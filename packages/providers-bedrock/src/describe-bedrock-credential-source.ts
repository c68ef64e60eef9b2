import type { BedrockProviderSettings } from './bedrock-provider-settings';
import { validateBedrockSettings } from './bedrock-provider-settings';
import { loadAwsFiles, profileName } from './bedrock-region';

export type BedrockCredentialSourceKind =
  | 'api-key'
  | 'settings'
  | 'custom'
  | 'environment'
  | 'profile'
  | 'sso'
  | 'web-identity'
  | 'process'
  | 'container'
  | 'instance'
  | 'none';

export interface BedrockCredentialSource {
  kind: BedrockCredentialSourceKind;
  /** The profile name for `profile`, `sso` and profile-based `web-identity` sources. */
  profile?: string;
  /** A line for humans, e.g. "profile dev (~/.aws/credentials)"; never a secret. */
  description: string;
}

type Section = Record<string, string | undefined> | undefined;

function fromProfile(
  name: string,
  config: Section,
  credentials: Section,
): BedrockCredentialSource | undefined {
  const merged = { ...credentials, ...config };
  if (merged.sso_session || merged.sso_start_url)
    return {
      kind: 'sso',
      profile: name,
      description: `SSO profile ${name} (run \`aws sso login --profile ${name}\` when the session expires)`,
    };
  if (merged.web_identity_token_file && merged.role_arn)
    return { kind: 'web-identity', profile: name, description: `web identity role of profile ${name}` };
  if (merged.credential_process)
    return { kind: 'process', profile: name, description: `credential_process of profile ${name}` };
  if (merged.aws_access_key_id || merged.role_arn)
    return { kind: 'profile', profile: name, description: `profile ${name}` };
  return undefined;
}

/**
 * Which credential source the provider would use, in the order the SDK's chain tries them. For the
 * `doctor` command: it names the source and never returns a secret. Does not call any AWS service.
 */
export async function describeBedrockCredentialSource(
  input: BedrockProviderSettings | Record<string, unknown> = {},
  env: Record<string, string | undefined> = process.env,
): Promise<BedrockCredentialSource> {
  const settings = validateBedrockSettings(input as Record<string, unknown>);
  if (settings.apiKey !== undefined)
    return { kind: 'api-key', description: 'Bedrock API key from the apiKey setting (bearer token)' };
  if (settings.accessKeyId !== undefined)
    return { kind: 'settings', description: 'access keys from the provider settings' };
  if (settings.credentials !== undefined)
    return { kind: 'custom', description: 'credential provider from the provider settings' };
  const files = await loadAwsFiles();
  if (settings.profile !== undefined) {
    const name = settings.profile;
    return (
      fromProfile(name, files.configFile[name], files.credentialsFile[name]) ?? {
        kind: 'none',
        profile: name,
        description: `profile ${name} has no credentials in ~/.aws/credentials or ~/.aws/config`,
      }
    );
  }
  if (env.AWS_BEARER_TOKEN_BEDROCK)
    return { kind: 'api-key', description: 'Bedrock API key from AWS_BEARER_TOKEN_BEDROCK (bearer token)' };
  if (env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY)
    return {
      kind: 'environment',
      description: 'AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY environment variables',
    };
  const name = profileName(undefined, env);
  const profile = fromProfile(name, files.configFile[name], files.credentialsFile[name]);
  if (profile) return profile;
  if (env.AWS_WEB_IDENTITY_TOKEN_FILE && env.AWS_ROLE_ARN)
    return {
      kind: 'web-identity',
      description: 'web identity token (AWS_WEB_IDENTITY_TOKEN_FILE, e.g. EKS IRSA)',
    };
  if (env.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI || env.AWS_CONTAINER_CREDENTIALS_FULL_URI)
    return { kind: 'container', description: 'container role (ECS task role or EKS Pod Identity)' };
  if (env.AWS_EC2_METADATA_DISABLED?.toLowerCase() !== 'true')
    return {
      kind: 'instance',
      description: 'instance role from the EC2 instance metadata service, if this machine has one',
    };
  return {
    kind: 'none',
    description: 'no credentials found (environment, ~/.aws files and IAM roles all empty)',
  };
}
