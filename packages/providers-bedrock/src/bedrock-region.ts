import { LLMRouterError } from '@llmrouter/errors';
import { loadBedrockModule } from './bedrock-sdk';

export interface RegionSources {
  /** `chatModel(id, { region })`: the model entry's region. */
  modelRegion?: string | undefined;
  /** The provider's `region` setting. */
  settingsRegion?: string | undefined;
  /** The profile whose `region` is the last resort (the `profile` setting, else AWS_PROFILE, else default). */
  profile?: string | undefined;
  env: NodeJS.ProcessEnv;
}

export type RegionSource = 'model' | 'provider' | 'AWS_REGION' | 'AWS_DEFAULT_REGION' | 'profile';

const REGION_FORM = /^[a-z]{2,4}(-gov|-iso[a-z]*)?-[a-z]+-\d{1,2}$/;

export function checkRegion(region: string, where: string): string {
  if (!REGION_FORM.test(region)) {
    throw new LLMRouterError({
      code: 'config_invalid',
      message: `"${region}" (${where}) is not an AWS region.`,
      hint: 'Use a region code such as us-east-1, us-west-2, eu-central-1 or ap-northeast-1.',
      provider: 'bedrock',
      details: { region, source: where },
    });
  }
  return region;
}

/** The profile the SDK would use: an explicit one, else AWS_PROFILE, else `default`. */
export function profileName(explicit: string | undefined, env: NodeJS.ProcessEnv): string {
  return explicit ?? env.AWS_PROFILE ?? env.AWS_DEFAULT_PROFILE ?? 'default';
}

interface SharedConfigModule {
  loadSharedConfigFiles(init?: { ignoreCache?: boolean }): Promise<{
    configFile: Record<string, Record<string, string | undefined> | undefined>;
    credentialsFile: Record<string, Record<string, string | undefined> | undefined>;
  }>;
}

/** The shared config and credentials files as the SDK reads them (AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE). */
export async function loadAwsFiles(importModule?: (specifier: string) => Promise<unknown>) {
  const module = await loadBedrockModule<SharedConfigModule>('@smithy/core/config', importModule);
  // Always re-read: tests and long-running servers change the files under us.
  return module.loadSharedConfigFiles({ ignoreCache: true });
}

/**
 * Region precedence: per model > per provider > AWS_REGION > AWS_DEFAULT_REGION (which the JS SDK
 * ignores but the AWS CLI and boto3 honour, so users set it) > the profile's `region` in ~/.aws/config.
 */
export async function resolveBedrockRegion(
  sources: RegionSources,
  importModule?: (specifier: string) => Promise<unknown>,
): Promise<{ region: string; source: RegionSource }> {
  const { env } = sources;
  if (sources.modelRegion)
    return { region: checkRegion(sources.modelRegion, 'model region'), source: 'model' };
  if (sources.settingsRegion)
    return { region: checkRegion(sources.settingsRegion, 'provider region'), source: 'provider' };
  if (env.AWS_REGION) return { region: checkRegion(env.AWS_REGION, 'AWS_REGION'), source: 'AWS_REGION' };
  if (env.AWS_DEFAULT_REGION)
    return {
      region: checkRegion(env.AWS_DEFAULT_REGION, 'AWS_DEFAULT_REGION'),
      source: 'AWS_DEFAULT_REGION',
    };
  const profile = profileName(sources.profile, env);
  const files = await loadAwsFiles(importModule);
  const region = files.configFile[profile]?.region ?? files.credentialsFile[profile]?.region;
  if (region) return { region: checkRegion(region, `profile ${profile}`), source: 'profile' };
  throw new LLMRouterError({
    code: 'config_invalid',
    message: `No AWS region is configured for Bedrock (checked the model and provider settings, AWS_REGION, AWS_DEFAULT_REGION and profile "${profile}").`,
    hint: 'Set `region: us-east-1` (or aws_region) on the model or provider, export AWS_REGION=us-east-1, or run `aws configure set region us-east-1`.',
    provider: 'bedrock',
  });
}
