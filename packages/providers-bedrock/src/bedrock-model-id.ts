import { BEDROCK_GEO_PREFIXES, type BedrockGeo, parseBedrockModelId } from '@llmrouter/core';

// The grammar of model ids is core's (config validation needs it); this file holds the provider's questions.
export { type ParsedBedrockModelId, parseBedrockModelId } from '@llmrouter/core';
export const INFERENCE_PROFILE_GEOS = BEDROCK_GEO_PREFIXES;
export type InferenceProfileGeo = BedrockGeo;

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
