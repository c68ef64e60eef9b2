import { findProviderKind } from '../provider-names';
import type { ConvertedConfig } from './config-formats';
import { formatPath, type Path } from './config-path';
import { type Dictionary, isDictionary } from './is-dictionary';

// Candidate-JSON spellings of native keys.
const RENAMES: Record<string, string> = {
  service: 'provider',
  feature: 'description',
  api_endpoint: 'base_url',
};
const SOURCE_NAMES: Record<string, string> = {
  provider: 'service',
  description: 'feature',
  base_url: 'api_endpoint',
};

/**
 * The LLMRouter candidate JSON: `{ name: { model, service, size, feature, input_price, output_price,
 * aws_region, api_endpoint } }`. Its users route among every candidate, so prices are required here
 * (the seed makes them required fields) and the router defaults to random until one is chosen.
 */
export function fromLLMRouterCandidates(document: Dictionary): Omit<ConvertedConfig, 'format'> {
  const models: Dictionary = {};
  for (const [name, candidate] of Object.entries(document)) {
    if (!isDictionary(candidate)) {
      models[name] = candidate;
      continue;
    }
    const model: Dictionary = {};
    for (const [key, value] of Object.entries(candidate)) model[RENAMES[key] ?? key] = value;
    // Bedrock is reached through the AWS SDK, so an endpoint written for it is meaningless.
    const service = typeof candidate.service === 'string' ? findProviderKind(candidate.service) : undefined;
    if (service?.family === 'bedrock') delete model.base_url;
    models[name] = model;
  }
  return {
    document: { models, router: { strategy: 'random' } },
    warnings: [],
    requiredPrices: true,
    pathInSource(path: Path): string {
      const [first, name, field, ...rest] = path;
      if (first !== 'models' || name === undefined) return formatPath(path);
      if (field === undefined) return formatPath([name]);
      return formatPath([name, typeof field === 'string' ? (SOURCE_NAMES[field] ?? field) : field, ...rest]);
    },
  };
}
