import type { EmulatedModel } from './bedrock-emulator-types.js';

// Region sets approximate what AWS offers; they exist so region errors can be exercised offline.
const US = ['us-east-1', 'us-east-2', 'us-west-2'];
const US_EU = [...US, 'eu-central-1', 'eu-west-1', 'eu-west-3'];
const BROAD = [
  ...US_EU,
  'us-west-1',
  'ca-central-1',
  'eu-west-2',
  'eu-north-1',
  'ap-northeast-1',
  'ap-northeast-2',
  'ap-south-1',
  'ap-southeast-1',
  'ap-southeast-2',
  'sa-east-1',
];
const PROFILE_CLAUDE = [
  ...BROAD,
  'ca-west-1',
  'eu-south-1',
  'eu-south-2',
  'eu-central-2',
  'ap-northeast-3',
  'ap-southeast-4',
  'us-gov-west-1',
  'us-gov-east-1',
];

const claude = (id: string, extra: Partial<EmulatedModel> = {}): EmulatedModel => ({
  id: `anthropic.${id}`,
  promptCaching: true,
  ...extra,
});
// Claude 3.7 and later are served only through inference profiles.
const claudeProfile = (id: string): EmulatedModel =>
  claude(id, { requiresInferenceProfile: true, reasoning: true, regions: PROFILE_CLAUDE });

/** The models the emulator serves unless `options.models` overrides them. */
export const BUILT_IN_MODELS: readonly EmulatedModel[] = [
  claude('claude-3-haiku-20240307-v1:0', { promptCaching: false, regions: BROAD }),
  claude('claude-3-sonnet-20240229-v1:0', { promptCaching: false, regions: US_EU }),
  claude('claude-3-opus-20240229-v1:0', { promptCaching: false, regions: ['us-west-2'] }),
  claude('claude-3-5-sonnet-20240620-v1:0', { promptCaching: false, regions: BROAD }),
  claude('claude-3-5-sonnet-20241022-v2:0', { requiresInferenceProfile: true, regions: PROFILE_CLAUDE }),
  claude('claude-3-5-haiku-20241022-v1:0', { requiresInferenceProfile: true, regions: US }),
  claudeProfile('claude-3-7-sonnet-20250219-v1:0'),
  claudeProfile('claude-sonnet-4-20250514-v1:0'),
  claudeProfile('claude-opus-4-20250514-v1:0'),
  claudeProfile('claude-opus-4-1-20250805-v1:0'),
  claudeProfile('claude-sonnet-4-5-20250929-v1:0'),
  claudeProfile('claude-haiku-4-5-20251001-v1:0'),
  claudeProfile('claude-opus-4-5-20251101-v1:0'),
  claudeProfile('claude-opus-4-6-v1'),
  claude('claude-v2:1', { legacy: true }),
  claude('claude-instant-v1', { legacy: true }),

  { id: 'amazon.titan-text-express-v1', systemPrompt: false, tools: false, regions: BROAD },
  { id: 'amazon.titan-text-lite-v1', systemPrompt: false, tools: false, regions: BROAD },
  { id: 'amazon.titan-text-premier-v1:0', systemPrompt: false, tools: false, regions: ['us-east-1'] },
  { id: 'amazon.titan-embed-text-v1', embedding: true, converse: false, regions: BROAD },
  { id: 'amazon.titan-embed-text-v2:0', embedding: true, converse: false, regions: BROAD },
  { id: 'amazon.nova-micro-v1:0', promptCaching: true, regions: US_EU },
  { id: 'amazon.nova-lite-v1:0', promptCaching: true, regions: BROAD },
  { id: 'amazon.nova-pro-v1:0', promptCaching: true, regions: BROAD },
  { id: 'amazon.nova-premier-v1:0', requiresInferenceProfile: true, promptCaching: true, regions: US },

  { id: 'meta.llama3-8b-instruct-v1:0', tools: false, regions: US_EU },
  { id: 'meta.llama3-70b-instruct-v1:0', tools: false, regions: US_EU },
  { id: 'meta.llama3-1-8b-instruct-v1:0', regions: US },
  { id: 'meta.llama3-1-70b-instruct-v1:0', regions: US },
  { id: 'meta.llama3-1-405b-instruct-v1:0', regions: ['us-west-2'] },
  { id: 'meta.llama3-2-1b-instruct-v1:0', requiresInferenceProfile: true, tools: false, regions: US_EU },
  { id: 'meta.llama3-2-3b-instruct-v1:0', requiresInferenceProfile: true, tools: false, regions: US_EU },
  { id: 'meta.llama3-2-11b-instruct-v1:0', requiresInferenceProfile: true, regions: US },
  { id: 'meta.llama3-2-90b-instruct-v1:0', requiresInferenceProfile: true, regions: US },
  { id: 'meta.llama3-3-70b-instruct-v1:0', requiresInferenceProfile: true, regions: US },

  { id: 'mistral.mistral-7b-instruct-v0:2', systemPrompt: false, tools: false, regions: BROAD },
  { id: 'mistral.mixtral-8x7b-instruct-v0:1', systemPrompt: false, tools: false, regions: BROAD },
  { id: 'mistral.mistral-small-2402-v1:0', regions: ['us-east-1'] },
  { id: 'mistral.mistral-large-2402-v1:0', regions: BROAD },
  { id: 'mistral.mistral-large-2407-v1:0', regions: ['us-west-2'] },

  { id: 'cohere.command-r-v1:0', regions: US_EU },
  { id: 'cohere.command-r-plus-v1:0', regions: US_EU },
  { id: 'cohere.embed-english-v3', embedding: true, converse: false, regions: BROAD },
  { id: 'cohere.embed-multilingual-v3', embedding: true, converse: false, regions: BROAD },

  { id: 'ai21.jamba-1-5-mini-v1:0', regions: ['us-east-1'] },
  { id: 'ai21.jamba-1-5-large-v1:0', regions: ['us-east-1'] },
  { id: 'ai21.j2-ultra-v1', legacy: true },

  { id: 'deepseek.r1-v1:0', requiresInferenceProfile: true, tools: false, reasoning: true, regions: US },
];

/** The built-in table with `overrides` replacing models of the same id and adding the rest. */
export function mergeModelTable(overrides: readonly EmulatedModel[] = []): EmulatedModel[] {
  const byId = new Map(BUILT_IN_MODELS.map((model) => [model.id, model]));
  for (const model of overrides) byId.set(model.id, model);
  return [...byId.values()];
}

export type ModelFamily =
  | 'anthropic'
  | 'titan-text'
  | 'titan-embed-v1'
  | 'titan-embed-v2'
  | 'nova'
  | 'llama'
  | 'mistral'
  | 'cohere-command'
  | 'cohere-embed'
  | 'ai21'
  | 'deepseek'
  | 'generic';

/** The InvokeModel body dialect of a foundation model, read from its id. */
export function modelFamily(modelId: string): ModelFamily {
  if (modelId.startsWith('anthropic.')) return 'anthropic';
  if (modelId.startsWith('amazon.titan-embed-text-v2')) return 'titan-embed-v2';
  if (modelId.startsWith('amazon.titan-embed')) return 'titan-embed-v1';
  if (modelId.startsWith('amazon.titan-text') || modelId.startsWith('amazon.titan-tg')) return 'titan-text';
  if (modelId.startsWith('amazon.nova')) return 'nova';
  if (modelId.startsWith('meta.')) return 'llama';
  if (modelId.startsWith('mistral.')) return 'mistral';
  if (modelId.startsWith('cohere.embed')) return 'cohere-embed';
  if (modelId.startsWith('cohere.')) return 'cohere-command';
  if (modelId.startsWith('ai21.')) return 'ai21';
  if (modelId.startsWith('deepseek.')) return 'deepseek';
  return 'generic';
}
