/**
 * The one grammar of Bedrock model ids. Config validation lives in core, so the grammar does too; the
 * Bedrock provider, its error messages and `llmrouter doctor` parse ids with it. It follows the `modelId`
 * pattern of the runtime API (Converse, InvokeModel): loose where AWS keeps adding vendors and versions,
 * strict where users make mistakes (spaces, a missing vendor, an unknown ARN resource type).
 */
export const BEDROCK_GEO_PREFIXES = ['us', 'eu', 'apac', 'jp', 'au', 'ca', 'us-gov', 'global'] as const;
export type BedrockGeo = (typeof BEDROCK_GEO_PREFIXES)[number];

/** The Bedrock resources a model id may be the ARN of (`arn:aws:bedrock:<region>:<account>:<type>/<id>`). */
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
] as const;

export type ParsedBedrockModelId =
  | { kind: 'foundation-model'; id: string; baseModelId: string; vendor: string }
  | { kind: 'inference-profile'; id: string; baseModelId: string; vendor: string; geo: BedrockGeo }
  | {
      kind: 'arn';
      id: string;
      partition: string;
      /** `sagemaker` for a Bedrock Marketplace endpoint, which is a SageMaker endpoint. */
      service: 'bedrock' | 'sagemaker';
      region: string;
      account: string;
      resourceType: string;
      resource: string;
      /** The foundation model inside a foundation-model or system inference-profile ARN. */
      baseModelId?: string;
      geo?: BedrockGeo;
    };

// vendor.name[-version][:revision[:context]] — e.g. anthropic.claude-3-sonnet-20240229-v1:0:200k.
const FOUNDATION = /^([a-z0-9][a-z0-9-]*)\.([a-z0-9][a-z0-9._-]*?)(:\d+(?::[0-9a-z]+)?)?$/;
const ARN = /^arn:(aws|aws-cn|aws-us-gov|aws-iso|aws-iso-b):([a-z0-9-]+):([a-z0-9-]+):(\d{12})?:(.+)$/;
// A Bedrock Marketplace model is called through its endpoint: arn:aws:sagemaker:<region>:<account>:endpoint/<name>.
const ENDPOINT = /^endpoint\/([a-zA-Z0-9-]+)$/;
// Longest first, so `us-gov.` is not read as `us.`.
const GEOS_LONGEST_FIRST = [...BEDROCK_GEO_PREFIXES].sort((left, right) => right.length - left.length);

function splitGeo(id: string): { geo?: BedrockGeo; rest: string } {
  for (const geo of GEOS_LONGEST_FIRST) {
    if (id.startsWith(`${geo}.`)) return { geo, rest: id.slice(geo.length + 1) };
  }
  return { rest: id };
}

function parseFoundation(id: string): { vendor: string; baseModelId: string } | undefined {
  const match = FOUNDATION.exec(id);
  if (!match || id.includes('..')) return undefined;
  return { vendor: match[1] as string, baseModelId: id };
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
      problem: `expected vendor.model-version (anthropic.claude-3-haiku-20240307-v1:0), optionally with an inference-profile prefix (${BEDROCK_GEO_PREFIXES.map((prefix) => `${prefix}.`).join(', ')})`,
    };
  }
  if (geo !== undefined && (BEDROCK_GEO_PREFIXES as readonly string[]).includes(foundation.vendor)) {
    return { problem: `the id has two inference-profile prefixes (${geo}. and ${foundation.vendor}.)` };
  }
  return geo === undefined
    ? { kind: 'foundation-model', id, ...foundation }
    : { kind: 'inference-profile', id, geo, ...foundation };
}

function parseArn(id: string): ParsedBedrockModelId | { problem: string } {
  const match = ARN.exec(id);
  if (!match) return { problem: 'expected arn:aws:bedrock:<region>:<account>:<resource-type>/<id>' };
  const [, partition = '', service = '', region = '', account = '', path = ''] = match;
  if (service === 'sagemaker') {
    const endpoint = ENDPOINT.exec(path);
    if (!endpoint || account === '')
      return {
        problem:
          'a SageMaker ARN must be a Bedrock Marketplace endpoint: arn:aws:sagemaker:<region>:<account>:endpoint/<name>',
      };
    const resource = endpoint[1] as string;
    return { kind: 'arn', id, partition, service, region, account, resourceType: 'endpoint', resource };
  }
  if (service !== 'bedrock')
    return {
      problem: `"${service}" ARNs are not model ids: use arn:aws:bedrock:… (or arn:aws:sagemaker:…:endpoint/… for a Marketplace endpoint)`,
    };
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
    service: 'bedrock',
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

/** What is wrong with the id's form, said as the fix; undefined when the form is valid. */
export function checkBedrockModelIdForm(modelId: string): string | undefined {
  const parsed = parseBedrockModelId(modelId);
  if (!('problem' in parsed)) return undefined;
  const example = 'anthropic.claude-3-5-sonnet-20240620-v1:0 or us.anthropic.claude-sonnet-4-5-20250929-v1:0';
  if (/^bedrock\//i.test(modelId)) {
    return `remove the LiteLLM "bedrock/" prefix: model: ${modelId.replace(/^bedrock\/(converse\/|invoke\/)?/i, '')}`;
  }
  if (modelId.trim() !== modelId || /\s/.test(modelId))
    return `remove the spaces; a Bedrock id looks like ${example}`;
  if (/[A-Z]/.test(modelId) && !modelId.startsWith('arn:')) {
    const lower = modelId.toLowerCase();
    if (!('problem' in parseBedrockModelId(lower))) return `Bedrock ids are lower-case: ${lower}`;
  }
  if (modelId.startsWith('arn:')) {
    return `an ARN must look like arn:aws:bedrock:<region>:<account>:<${BEDROCK_ARN_RESOURCE_TYPES.slice(0, 5).join('|')}|…>/<id> (${parsed.problem})`;
  }
  if (!modelId.includes('.')) {
    return `a Bedrock id starts with the vendor ("anthropic.", "amazon.", "meta.", "mistral.", "cohere.", "ai21."), for example ${example}`;
  }
  return `${parsed.problem}, for example ${example}`;
}
