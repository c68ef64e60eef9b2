/**
 * The forms a Bedrock model id may take. Config validation lives in core, so the grammar does too;
 * the Bedrock provider reuses it and adds what needs its catalog (closest known ids).
 */
export const BEDROCK_GEO_PREFIXES = ['us', 'eu', 'apac', 'jp', 'au', 'ca', 'us-gov', 'global'] as const;

export const BEDROCK_ARN_RESOURCE_TYPES = [
  'foundation-model',
  'inference-profile',
  'application-inference-profile',
  'provisioned-model',
  'custom-model',
  'custom-model-deployment',
  'imported-model',
  'prompt',
  'default-prompt-router',
  'prompt-router',
  'endpoint',
] as const;

export type BedrockModelIdForm =
  | { kind: 'foundation-model'; vendor: string; model: string }
  | { kind: 'inference-profile'; geo: string; vendor: string; model: string }
  | { kind: 'arn'; resourceType: string; region: string; resource: string };

const FOUNDATION = /^([a-z][a-z0-9-]*)\.([a-z0-9][a-z0-9._-]*(?::[0-9]+)?(?::[0-9]+k)?)$/;
const PROFILE =
  /^(us-gov|us|eu|apac|jp|au|ca|global)\.([a-z][a-z0-9-]*)\.([a-z0-9][a-z0-9._-]*(?::[0-9]+)?(?::[0-9]+k)?)$/;
const ARN =
  /^arn:aws(?:-cn|-us-gov|-iso|-iso-b)?:(bedrock|sagemaker):([a-z]{2}(?:-gov|-iso[a-z]?)?-[a-z]+-[0-9]):([0-9]{12})?:([a-z-]+)\/(.+)$/;

/** Parses a Bedrock model id, or returns undefined when it has none of the valid forms. */
export function parseBedrockModelIdForm(modelId: string): BedrockModelIdForm | undefined {
  const arn = ARN.exec(modelId);
  if (arn) {
    const [, , region, , resourceType, resource] = arn;
    if (!(BEDROCK_ARN_RESOURCE_TYPES as readonly string[]).includes(resourceType ?? '')) return undefined;
    return { kind: 'arn', resourceType: resourceType ?? '', region: region ?? '', resource: resource ?? '' };
  }
  const profile = PROFILE.exec(modelId);
  if (profile)
    return {
      kind: 'inference-profile',
      geo: profile[1] ?? '',
      vendor: profile[2] ?? '',
      model: profile[3] ?? '',
    };
  const foundation = FOUNDATION.exec(modelId);
  if (foundation)
    return { kind: 'foundation-model', vendor: foundation[1] ?? '', model: foundation[2] ?? '' };
  return undefined;
}

/** A description of what is wrong with the id's form, with the fix; undefined when the form is valid. */
export function checkBedrockModelIdForm(modelId: string): string | undefined {
  if (parseBedrockModelIdForm(modelId)) return undefined;
  const example = 'anthropic.claude-3-5-sonnet-20240620-v1:0 or us.anthropic.claude-sonnet-4-5-20250929-v1:0';
  if (/^bedrock\//i.test(modelId)) {
    return `remove the LiteLLM "bedrock/" prefix: model: ${modelId.replace(/^bedrock\/(converse\/|invoke\/)?/i, '')}`;
  }
  if (modelId.trim() !== modelId || /\s/.test(modelId))
    return `remove the spaces; a Bedrock id looks like ${example}`;
  if (/[A-Z]/.test(modelId) && parseBedrockModelIdForm(modelId.toLowerCase())) {
    return `Bedrock ids are lower-case: ${modelId.toLowerCase()}`;
  }
  if (modelId.startsWith('arn:')) {
    return `an ARN must look like arn:aws:bedrock:<region>:<account>:<${BEDROCK_ARN_RESOURCE_TYPES.slice(0, 5).join('|')}|…>/<id>`;
  }
  if (!modelId.includes('.')) {
    return `a Bedrock id starts with the vendor ("anthropic.", "amazon.", "meta.", "mistral.", "cohere.", "ai21."), for example ${example}`;
  }
  return `use a foundation model id, an inference profile id (${BEDROCK_GEO_PREFIXES.map((geo) => `${geo}.`).join(', ')}) or an ARN, for example ${example}`;
}
