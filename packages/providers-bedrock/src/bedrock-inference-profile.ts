import type { InferenceProfileGeo } from './bedrock-model-id';
import { parseBedrockModelId } from './bedrock-model-id';
import { findBedrockModel } from './find-bedrock-model';

// Country profiles keep requests inside one country; where the model has one, it beats the wider `apac.`.
const COUNTRY_REGIONS: Array<[RegExp, InferenceProfileGeo]> = [
  [/^ap-northeast-[13]$/, 'jp'],
  [/^ap-southeast-[24]$/, 'au'],
];

/** The geographic inference-profile prefixes that serve callers in a region, best first. */
export function profileGeosForRegion(region: string): InferenceProfileGeo[] {
  if (region.startsWith('us-gov-')) return ['us-gov'];
  if (region.startsWith('us-')) return ['us', 'global'];
  // US profiles accept Canadian source regions for most models; `ca.` only where AWS added one.
  if (region.startsWith('ca-')) return ['us', 'ca', 'global'];
  if (region.startsWith('eu-')) return ['eu', 'global'];
  if (region.startsWith('ap-')) {
    const country = COUNTRY_REGIONS.find(([pattern]) => pattern.test(region))?.[1];
    return country === undefined ? ['apac', 'global'] : [country, 'apac', 'global'];
  }
  return ['global'];
}

/**
 * The inference profile id to call a foundation model through from a region, or undefined when the id
 * is already a profile or an ARN. Uses the catalog's list of profiles when the model is known.
 */
export function inferenceProfileIdFor(modelId: string, region: string): string | undefined {
  const parsed = parseBedrockModelId(modelId);
  if ('problem' in parsed || parsed.kind !== 'foundation-model') return undefined;
  const offered = findBedrockModel(modelId)?.inferenceProfiles;
  const candidates = profileGeosForRegion(region);
  const geo =
    offered === undefined ? candidates[0] : candidates.find((candidate) => offered.includes(candidate));
  return geo === undefined ? undefined : `${geo}.${modelId}`;
}
