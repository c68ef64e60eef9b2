import { type BedrockCatalogModel, bedrockModelCatalog } from './bedrock-model-catalog';
import { baseModelIdOf } from './bedrock-model-id';

const byId = new Map(bedrockModelCatalog.map((entry) => [entry.id, entry]));

/**
 * The catalog entry for a model id in any form: foundation id, inference profile (`us.…`, `global.…`)
 * or a foundation-model / inference-profile ARN. Undefined for unknown models and custom ARNs.
 */
export function findBedrockModel(id: string): BedrockCatalogModel | undefined {
  const base = baseModelIdOf(id);
  if (base === undefined) return undefined;
  return byId.get(base) ?? byId.get(base.replace(/:\d+:[0-9a-z]+$/, '')) ?? byId.get(`${base}:0`);
}

/** Ids worth suggesting when nothing closer is known: one current model per vendor. */
export const COMMON_BEDROCK_MODEL_IDS = [
  'us.anthropic.claude-sonnet-4-5-20250929-v1:0',
  'anthropic.claude-3-haiku-20240307-v1:0',
  'amazon.nova-pro-v1:0',
  'amazon.titan-text-express-v1',
  'meta.llama3-70b-instruct-v1:0',
  'mistral.mistral-7b-instruct-v0:2',
  'cohere.command-r-plus-v1:0',
  'amazon.titan-embed-text-v2:0',
] as const;

/** Levenshtein distance, two rows at a time: ids are short and this runs only on errors. */
export function editDistance(left: string, right: string): number {
  let previous = Array.from({ length: right.length + 1 }, (_, index) => index);
  for (let row = 1; row <= left.length; row += 1) {
    const current = [row];
    for (let column = 1; column <= right.length; column += 1) {
      const substitution = previous[column - 1]! + (left[row - 1] === right[column - 1] ? 0 : 1);
      current.push(Math.min(previous[column]! + 1, current[column - 1]! + 1, substitution));
    }
    previous = current;
  }
  return previous[right.length]!;
}

/** The catalog ids closest to a (mistyped) id, best first, keeping the user's inference-profile prefix. */
export function closestBedrockModelIds(id: string, count = 3): string[] {
  const prefix = /^(us-gov|us|eu|apac|jp|au|global)\./.exec(id)?.[0] ?? '';
  const bare = id.slice(prefix.length).toLowerCase();
  return bedrockModelCatalog
    .map((entry) => ({ id: entry.id, distance: editDistance(bare, entry.id) }))
    .sort((left, right) => left.distance - right.distance || left.id.localeCompare(right.id))
    .slice(0, count)
    .map((entry) => prefix + entry.id);
}
