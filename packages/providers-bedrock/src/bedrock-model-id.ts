import { BEDROCK_GEO_PREFIXES } from '@llmrouter/core';

/**
 * The forms a Bedrock model id takes: a foundation model id, a geographic or global cross-region
 * inference profile id (the foundation id with a `us.`/`eu.`/… prefix), or an ARN of any Bedrock
 * model resource. The grammar is loose where AWS keeps adding vendors and versions, strict where
 * users make mistakes (spaces, a missing vendor, an unknown ARN resource type).
 */
// One list of inference-profile prefixes, shared with core's config validation.
export const INFERENCE_PROFILE_GEOS = BEDROCK_GEO_PREFIXES;
export type InferenceProfileGeo = (typeof INFERENCE_PROFILE_GEOS)[number];

export const BEDROCK_ARN_RESOURCE_TYPES = [
  'foundation-model',
  'inference-profile',
  'application-inference-profile',
  'provisioned-model',
  'custom-model',
  'custom-model-deployment',
  'imported-model',
  'prompt-router',
  'prompt',
  'default-prompt-router',
  'marketplace/model-endpoint',
  'endpoint',
] as const;

export type ParsedBedrockModelId =
  | { kind: 'foundation-model'; id: string; baseModelId: string; vendor: string }
  | { kind: 'inference-profile'; id: string; baseModelId: string; vendor: string; geo: InferenceProfileGeo }
  | {
      kind: 'arn';
      id: string;
      partition: string;
      region: string;
      account: string;
      resourceType: string;
      resource: string;
      /** The foundation model inside a foundation-model or system inference-profile ARN. */
      baseModelId?: string;
      geo?: InferenceProfileGeo;
    };

// vendor.name[-version][:revision[:context]] — e.g. anthropic.claude-3-sonnet-20240229-v1:0:200k.
const FOUNDATION = /^([a-z0-9][a-z0-9-]*)\.([a-z0-9][a-z0-9._-]*?)(:\d+(?::[0-9a-z]+)?)?$/;
const ARN = /^arn:(aws|aws-cn|aws-us-gov|aws-iso|aws-iso-b):bedrock:([a-z0-9-]+):(\d{12})?:(.+)$/;

function splitGeo(id: string): { geo?: InferenceProfileGeo; rest: string } {
  for (const geo of [...INFERENCE_PROFILE_GEOS].sort((left, right) => right.length - left.length)) {
    if (id.startsWith(`${geo}.`)) return { geo, rest: id.slice(geo.length + 1) };
  }
  return { rest: id };
}

function parseFoundation(id: string): { vendor: string; baseModelId: string } | undefined {
  const match = FOUNDATION.exec(id);
  if (!match || id.includes('..')) return undefined;
  return { vendor: match[1]!, baseModelId: id };
}

/** Parses a model id; a malformed one yields a description of the problem instead. */
export function parseBedrockModelId(id: string): ParsedBedrockModelId | { problem: string } {
  if (id.trim() !== id || id.length === 0) return { problem: 'the id is empty or has surrounding spaces' };
  if (/\s/.test(id)) return { problem: 'the id contains spaces' };
  if (id.startsWith('arn:')) return parseArn(id);
  if (/[A-Z]/.test(id)) return { problem: 'Bedrock model ids are lower case' };
  const { geo, rest } = splitGeo(id);
  const foundation = parseFoundation(rest);
  if (!foundation) {
    return {
      problem:
        'expected vendor.model-version (anthropic.claude-3-haiku-20240307-v1:0), optionally with an inference-profile prefix (us., eu., apac., jp., au., us-gov., global.)',
    };
  }
  if (geo !== undefined && INFERENCE_PROFILE_GEOS.includes(foundation.vendor as InferenceProfileGeo)) {
    return { problem: `the id has two inference-profile prefixes (${geo}. and ${foundation.vendor}.)` };
  }
  return geo === undefined
    ? { kind: 'foundation-model', id, ...foundation }
    : { kind: 'inference-profile', id, geo, ...foundation };
}

function parseArn(id: string): ParsedBedrockModelId | { problem: string } {
  const match = ARN.exec(id);
  if (!match) return { problem: 'expected arn:aws:bedrock:<region>:<account>:<resource-type>/<id>' };
  const [, partition, region, account = '', path] = match as unknown as [
    string,
    string,
    string,
    string | undefined,
    string,
  ];
  const resourceType = BEDROCK_ARN_RESOURCE_TYPES.find((type) => path.startsWith(`${type}/`));
  if (!resourceType)
    return {
      problem: `unknown Bedrock ARN resource type in "${path}" (expected one of: ${BEDROCK_ARN_RESOURCE_TYPES.join(', ')})`,
    };
  const resource = path.slice(resourceType.length + 1);
  if (resource.length === 0) return { problem: 'the ARN has no resource id after the resource type' };
  if (resourceType === 'foundation-model' && account !== '') {
    return {
      problem:
        'foundation-model ARNs have an empty account field (arn:aws:bedrock:us-east-1::foundation-model/…)',
    };
  }
  if (resourceType !== 'foundation-model' && account === '')
    return { problem: `${resourceType} ARNs need the 12-digit account id` };
  const parsed: ParsedBedrockModelId = {
    kind: 'arn',
    id,
    partition,
    region,
    account,
    resourceType,
    resource,
  };
  if (resourceType === 'foundation-model' && parseFoundation(resource)) parsed.baseModelId = resource;
  if (resourceType === 'inference-profile') {
    const { geo, rest } = splitGeo(resource);
    if (geo !== undefined && parseFoundation(rest)) {
      parsed.baseModelId = rest;
      parsed.geo = geo;
    }
  }
  return parsed;
}

/** The form problem of an id, or undefined when the id is well formed. */
export function checkBedrockModelId(id: string): string | undefined {
  const parsed = parseBedrockModelId(id);
  return 'problem' in parsed ? parsed.problem : undefined;
}

/** The foundation model an id stands for, when the id says (not for provisioned or custom models). */
export function baseModelIdOf(id: string): string | undefined {
  const parsed = parseBedrockModelId(id);
  return 'problem' in parsed ? undefined : parsed.baseModelId;
}
