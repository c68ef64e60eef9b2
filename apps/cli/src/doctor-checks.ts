import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { checkBedrockModelIdForm, type ResolvedModel } from '@llmrouter/core';
import {
  closestBedrockModelIds,
  describeBedrockCredentialSource,
  findBedrockModel,
  inferenceProfileIdFor,
  parseBedrockModelId,
} from '@llmrouter/providers-bedrock';
import { errorRecord } from './report-error';

export interface DoctorCheck {
  model?: string;
  check: string;
  ok: boolean;
  detail: string;
  /** For a failed check: what to do. */
  fix?: string;
}

const pass = (check: string, detail: string): DoctorCheck => ({ check, ok: true, detail });
const fail = (check: string, detail: string, fix: string): DoctorCheck => ({ check, ok: false, detail, fix });

const BEDROCK_SDK = '@aws-sdk/client-bedrock-runtime';

/** Whether the AWS SDK resolves from where the Bedrock provider loads it, and its version. */
export function checkBedrockSdk(): DoctorCheck {
  try {
    let folder = dirname(new URL(import.meta.resolve(BEDROCK_SDK)).pathname);
    while (!existsSync(join(folder, 'package.json')) && dirname(folder) !== folder) folder = dirname(folder);
    const { version } = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8')) as {
      version?: string;
    };
    const major = Number(process.versions.node.split('.')[0]);
    const note = major < 22 ? ` (its 2027 releases need Node 22)` : '';
    return pass('SDK', `${BEDROCK_SDK} ${version ?? ''}${note}`.trim());
  } catch {
    return fail(
      'SDK',
      `${BEDROCK_SDK} is not installed`,
      `npm install ${BEDROCK_SDK} @aws-sdk/credential-providers`,
    );
  }
}

function bedrockSettings(model: ResolvedModel): Record<string, unknown> {
  const { kind: _kind, ...settings } = model.target.providerSettings;
  return settings;
}

export async function checkBedrockCredentials(
  model: ResolvedModel,
  env: NodeJS.ProcessEnv,
): Promise<DoctorCheck> {
  try {
    const source = await describeBedrockCredentialSource(bedrockSettings(model), env);
    if (source.kind === 'none') {
      return fail(
        'credentials',
        source.description,
        'export AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or set AWS_PROFILE to a profile in ~/.aws/credentials (`aws configure`), or `aws sso login`; see docs/aws-credentials.md',
      );
    }
    return pass('credentials', source.description);
  } catch (error) {
    const record = errorRecord(error);
    return fail('credentials', record.message, record.hint);
  }
}

/** The region of the named profile in the AWS config file, if it sets one. */
function profileRegion(env: NodeJS.ProcessEnv): string | undefined {
  const path = env.AWS_CONFIG_FILE ?? join(env.HOME ?? homedir(), '.aws', 'config');
  if (!existsSync(path)) return undefined;
  const profile = env.AWS_PROFILE ?? 'default';
  const header =
    profile === 'default'
      ? /^\[(profile )?default\]$/
      : new RegExp(`^\\[profile ${profile.replace(/[^\w-]/g, '')}\\]$`);
  let inside = false;
  for (const raw of readFileSync(path, 'utf8').split(/\r?\n/)) {
    const line = raw.trim();
    if (line.startsWith('[')) inside = header.test(line);
    else if (inside) {
      const match = /^region\s*=\s*(\S+)/.exec(line);
      if (match) return match[1];
    }
  }
  return undefined;
}

export function bedrockRegion(
  model: ResolvedModel,
  env: NodeJS.ProcessEnv,
): { region?: string; from: string } {
  const settings = bedrockSettings(model);
  if (model.region) return { region: model.region, from: 'aws_region of the model' };
  if (typeof settings.region === 'string') return { region: settings.region, from: 'the provider block' };
  if (env.AWS_REGION) return { region: env.AWS_REGION, from: 'AWS_REGION' };
  if (env.AWS_DEFAULT_REGION) return { region: env.AWS_DEFAULT_REGION, from: 'AWS_DEFAULT_REGION' };
  const fromProfile = profileRegion(env);
  return fromProfile
    ? { region: fromProfile, from: `profile ${env.AWS_PROFILE ?? 'default'}` }
    : { from: 'nowhere' };
}

export function checkBedrockRegion(model: ResolvedModel, env: NodeJS.ProcessEnv): DoctorCheck {
  const { region, from } = bedrockRegion(model, env);
  if (region === undefined) {
    return fail(
      'region',
      'no region set',
      `add aws_region: us-east-1 to the model (or region to providers.${model.providerName}), or export AWS_REGION`,
    );
  }
  const parsed = parseBedrockModelId(model.modelId);
  const catalog = findBedrockModel(model.modelId);
  if (
    !('problem' in parsed) &&
    parsed.kind === 'inference-profile' &&
    parsed.geo &&
    parsed.geo !== 'global'
  ) {
    const geoOf = (name: string) => (name.startsWith('ap-') ? ['apac', 'jp', 'au'] : [name.split('-')[0]]);
    const geos = geoOf(region).concat(
      region.startsWith('us-gov-') ? ['us-gov'] : [],
      region.startsWith('ca-') ? ['us'] : [],
    );
    if (!geos.includes(parsed.geo)) {
      return fail(
        'region',
        `${region} (from ${from}) cannot call the ${parsed.geo}. inference profile`,
        `use a region in the profile's geography, or the profile for ${region}`,
      );
    }
  } else if (catalog && !catalog.regions.includes(region)) {
    return fail(
      'region',
      `${region} (from ${from}): ${catalog.name} is not offered there`,
      `use one of: ${catalog.regions.slice(0, 6).join(', ')}`,
    );
  }
  return pass('region', `${region} (from ${from})`);
}

export function checkBedrockModelId(model: ResolvedModel, region: string | undefined): DoctorCheck {
  const problem = checkBedrockModelIdForm(model.modelId);
  if (problem) return fail('model id', `"${model.modelId}" is not a Bedrock model id`, problem);
  const parsed = parseBedrockModelId(model.modelId);
  const catalog = findBedrockModel(model.modelId);
  const kind = 'problem' in parsed ? 'model' : parsed.kind.replace(/-/g, ' ');
  if (!catalog) {
    if (!('problem' in parsed) && parsed.kind === 'arn') return pass('model id', `${kind} ${model.modelId}`);
    return pass(
      'model id',
      `${kind} ${model.modelId}, not in the built-in catalog (closest: ${closestBedrockModelIds(model.modelId).join(', ')})`,
    );
  }
  if (!('problem' in parsed) && parsed.kind === 'foundation-model' && catalog.requiresInferenceProfile) {
    const profile = inferenceProfileIdFor(model.modelId, region ?? 'us-east-1');
    return fail(
      'model id',
      `${catalog.name} cannot be called on demand by its foundation id`,
      `use the inference profile: model: ${profile ?? `us.${model.modelId}`}`,
    );
  }
  return pass('model id', `${kind} ${model.modelId} (${catalog.name})`);
}

export function checkHttpCredentials(model: ResolvedModel, env: NodeJS.ProcessEnv): DoctorCheck {
  const settings = model.target.providerSettings as Record<string, unknown>;
  if (settings.authMode === 'none') return pass('credentials', 'no authentication (auth_mode: none)');
  if (typeof settings.apiKey === 'string' && settings.apiKey !== '')
    return pass('credentials', 'API key from the config');
  if (Array.isArray(settings.apiKeys) && settings.apiKeys.length > 0)
    return pass('credentials', `${settings.apiKeys.length} API keys from the config`);
  if (typeof settings.apiKeyEnv === 'string') {
    return env[settings.apiKeyEnv]
      ? pass('credentials', `API key from ${settings.apiKeyEnv}`)
      : fail('credentials', `${settings.apiKeyEnv} is not set`, `export ${settings.apiKeyEnv}=<your key>`);
  }
  return pass('credentials', `${model.provider.id} default key variables (checked by the call)`);
}
