import type { EmulatedModel } from './bedrock-emulator-types.js';
import { type BedrockError, bedrockErrors } from './bedrock-errors.js';

export type ModelIdKind = 'foundation' | 'inference-profile' | 'opaque-arn';

export interface ResolvedModel {
  model: EmulatedModel;
  kind: ModelIdKind;
}

/** Geography prefixes of system inference profiles, with the source regions each accepts. */
const PROFILE_GEOGRAPHIES: ReadonlyArray<[prefix: string, accepts: (region: string) => boolean]> = [
  ['us-gov', (region) => region.startsWith('us-gov-')],
  ['us', (region) => region.startsWith('us-') && !region.startsWith('us-gov-')],
  ['eu', (region) => region.startsWith('eu-')],
  ['apac', (region) => region.startsWith('ap-')],
  ['jp', (region) => region === 'ap-northeast-1' || region === 'ap-northeast-3'],
  ['au', (region) => region === 'ap-southeast-2' || region === 'ap-southeast-4'],
  ['ca', (region) => region.startsWith('ca-')],
  ['global', (region) => !region.startsWith('us-gov-') && !region.startsWith('cn-')],
];

export const MODEL_ID_PATTERN = '[a-zA-Z0-9._:/-]{1,2048}';
const MODEL_ID_SHAPE = new RegExp(`^${MODEL_ID_PATTERN}$`);
const ARN_SHAPE = /^arn:aws(?:-[a-z-]+)?:bedrock:([a-z0-9-]*):(\d{12})?:([a-z-]+)\/(.+)$/;
// A Bedrock Marketplace model is called through its SageMaker endpoint.
const MARKETPLACE_ENDPOINT_SHAPE = /^arn:aws:sagemaker:[a-z0-9-]+:\d{12}:endpoint\/([a-zA-Z0-9-]+)$/;
const OPAQUE_ARN_KINDS = new Set([
  'application-inference-profile',
  'provisioned-model',
  'custom-model',
  'custom-model-deployment',
  'imported-model',
  'marketplace-model-endpoint',
]);

export interface ResolveOptions {
  models: readonly EmulatedModel[];
  region: string;
  arnModels: Record<string, string>;
}

/**
 * Resolves a model id as sent (foundation id, inference profile id, any Bedrock ARN or a Marketplace
 * endpoint's SageMaker ARN) to the model behind it,
 * or to the error Bedrock gives for it: malformed, unknown, retired, not offered in the region, or
 * offered only through an inference profile.
 */
export function resolveBedrockModelId(
  modelId: string,
  options: ResolveOptions,
): ResolvedModel | BedrockError {
  if (!MODEL_ID_SHAPE.test(modelId)) {
    return bedrockErrors.validation(
      `1 validation error detected: Value '${modelId}' at 'modelId' failed to satisfy constraint: Member must satisfy regular expression pattern: ${MODEL_ID_PATTERN}`,
    );
  }
  const arn = ARN_SHAPE.exec(modelId);
  if (arn) {
    const [, , , resourceType = '', resource = ''] = arn;
    if (resourceType === 'foundation-model') return resolvePlain(resource, options);
    if (resourceType === 'inference-profile') return resolvePlain(resource, options);
    if (OPAQUE_ARN_KINDS.has(resourceType)) return resolveOpaqueArn(modelId, resourceType, resource, options);
    return bedrockErrors.invalidModel();
  }
  const endpoint = MARKETPLACE_ENDPOINT_SHAPE.exec(modelId);
  if (endpoint) return resolveOpaqueArn(modelId, 'endpoint', endpoint[1] ?? '', options);
  return resolvePlain(modelId, options);
}

function resolvePlain(modelId: string, options: ResolveOptions): ResolvedModel | BedrockError {
  const geography = PROFILE_GEOGRAPHIES.find(([prefix]) => modelId.startsWith(`${prefix}.`));
  const foundationId = geography ? modelId.slice(geography[0].length + 1) : modelId;
  const model = options.models.find((candidate) => candidate.id === foundationId);
  if (!model) return bedrockErrors.invalidModel();
  if (model.legacy) return bedrockErrors.endOfLife();
  // A profile called from outside its geography, or a model the region does not serve, is simply
  // "invalid" to Bedrock: it does not say which of the two went wrong.
  if (geography && !geography[1](options.region)) return bedrockErrors.invalidModel();
  if (model.regions && !model.regions.includes(options.region)) return bedrockErrors.invalidModel();
  if (!geography && model.requiresInferenceProfile) return bedrockErrors.onDemandUnsupported(model.id);
  return { model, kind: geography ? 'inference-profile' : 'foundation' };
}

function resolveOpaqueArn(
  arn: string,
  resourceType: string,
  resource: string,
  options: ResolveOptions,
): ResolvedModel | BedrockError {
  const lastSegment = resource.split('/').at(-1) ?? resource;
  // Custom-model ARNs embed their base model (`custom-model/amazon.titan-text-express-v1:0:8k/abc123`).
  const embedded = options.models.find((model) => resource.startsWith(`${model.id}`));
  const fallback = resourceType === 'imported-model' ? 'meta.llama3-1-8b-instruct-v1:0' : undefined;
  const foundationId =
    options.arnModels[arn] ??
    options.arnModels[lastSegment] ??
    embedded?.id ??
    fallback ??
    'anthropic.claude-3-haiku-20240307-v1:0';
  const model = options.models.find((candidate) => candidate.id === foundationId);
  if (!model) return bedrockErrors.invalidModel();
  return { model, kind: 'opaque-arn' };
}
