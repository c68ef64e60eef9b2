import type { InferenceProfileGeo } from './bedrock-model-id';

/** The request body family InvokeModel needs, and what Converse knows about the model. */
export type BedrockModelFamily =
  | 'anthropic'
  | 'titan-text'
  | 'titan-embed'
  | 'nova'
  | 'llama'
  | 'mistral'
  | 'cohere-command'
  | 'cohere-embed'
  | 'ai21-jamba'
  | 'deepseek'
  | 'openai'
  | 'qwen';

export interface BedrockModelCapabilities {
  converse: boolean;
  streaming: boolean;
  systemPrompt: boolean;
  tools: boolean;
  images: boolean;
  promptCaching: boolean;
  reasoning: boolean;
  embeddings: boolean;
}

export interface BedrockCatalogModel {
  /** The foundation model id (no inference-profile prefix). */
  id: string;
  name: string;
  vendor: string;
  family: BedrockModelFamily;
  /** USD per million tokens, on-demand, us-east-1. */
  inputPrice?: number;
  outputPrice?: number;
  cacheReadPrice?: number;
  cacheWritePrice?: number;
  /** Regions where the model answers on demand or as an inference-profile source region. */
  regions: readonly string[];
  /** Cross-region inference profile prefixes AWS offers for the model. */
  inferenceProfiles: readonly InferenceProfileGeo[];
  /** True when the foundation id has no on-demand throughput: call it through an inference profile. */
  requiresInferenceProfile: boolean;
  capabilities: BedrockModelCapabilities;
  contextWindow: number;
  /** Embedding models: the dimensions offered and the most values per call. */
  embedding?: { dimensions: readonly number[]; maxValuesPerCall: number };
}

const US = ['us-east-1', 'us-east-2', 'us-west-2'];
const EU = ['eu-central-1', 'eu-west-1', 'eu-west-3', 'eu-north-1'];
const APAC = ['ap-northeast-1', 'ap-northeast-2', 'ap-south-1', 'ap-southeast-1', 'ap-southeast-2'];
const CLASSIC = [
  'us-east-1',
  'us-west-2',
  'eu-central-1',
  'eu-west-1',
  'eu-west-3',
  'ap-northeast-1',
  'ap-southeast-1',
  'ap-southeast-2',
  'ap-south-1',
  'ca-central-1',
  'sa-east-1',
];

type Capability = keyof BedrockModelCapabilities;
function caps(...names: Capability[]): BedrockModelCapabilities {
  const all: Capability[] = [
    'converse',
    'streaming',
    'systemPrompt',
    'tools',
    'images',
    'promptCaching',
    'reasoning',
    'embeddings',
  ];
  return Object.fromEntries(
    all.map((name) => [name, names.includes(name)]),
  ) as unknown as BedrockModelCapabilities;
}
const CHAT: Capability[] = ['converse', 'streaming', 'systemPrompt'];

function claude(
  id: string,
  name: string,
  prices: [number, number],
  regions: readonly string[],
  profiles: InferenceProfileGeo[],
  options: { profileOnly: boolean; caching?: boolean; reasoning?: boolean; context?: number },
): BedrockCatalogModel {
  const [input, output] = prices;
  const extra: Capability[] = ['tools', 'images'];
  if (options.caching) extra.push('promptCaching');
  if (options.reasoning) extra.push('reasoning');
  const model: BedrockCatalogModel = {
    id,
    name,
    vendor: 'Anthropic',
    family: 'anthropic',
    inputPrice: input,
    outputPrice: output,
    regions,
    inferenceProfiles: profiles,
    requiresInferenceProfile: options.profileOnly,
    capabilities: caps(...CHAT, ...extra),
    contextWindow: options.context ?? 200_000,
  };
  if (options.caching) {
    // Anthropic bills cache reads at a tenth of the input price and cache writes at 1.25 times.
    model.cacheReadPrice = input / 10;
    model.cacheWritePrice = input * 1.25;
  }
  return model;
}

function model(
  id: string,
  name: string,
  vendor: string,
  family: BedrockModelFamily,
  prices: [number, number] | [number],
  regions: readonly string[],
  profiles: InferenceProfileGeo[],
  capabilities: Capability[],
  contextWindow: number,
  profileOnly = false,
): BedrockCatalogModel {
  const entry: BedrockCatalogModel = {
    id,
    name,
    vendor,
    family,
    inputPrice: prices[0],
    regions,
    inferenceProfiles: profiles,
    requiresInferenceProfile: profileOnly,
    capabilities: caps(...capabilities),
    contextWindow,
  };
  entry.outputPrice = prices[1] ?? 0;
  return entry;
}

function embedder(
  id: string,
  name: string,
  vendor: string,
  family: 'titan-embed' | 'cohere-embed',
  price: number,
  regions: readonly string[],
  dimensions: number[],
  maxValuesPerCall: number,
  contextWindow: number,
): BedrockCatalogModel {
  return {
    ...model(id, name, vendor, family, [price, 0], regions, [], ['embeddings'], contextWindow),
    embedding: { dimensions, maxValuesPerCall },
  };
}

const LLAMA: Capability[] = ['converse', 'streaming', 'systemPrompt'];

/** Current Bedrock models with on-demand prices (USD per million tokens), regions and capabilities. */
export const bedrockModelCatalog: readonly BedrockCatalogModel[] = [
  claude(
    'anthropic.claude-3-haiku-20240307-v1:0',
    'Claude 3 Haiku',
    [0.25, 1.25],
    CLASSIC,
    ['us', 'eu', 'apac'],
    { profileOnly: false },
  ),
  claude(
    'anthropic.claude-3-sonnet-20240229-v1:0',
    'Claude 3 Sonnet',
    [3, 15],
    CLASSIC,
    ['us', 'eu', 'apac'],
    { profileOnly: false, context: 200_000 },
  ),
  claude('anthropic.claude-3-opus-20240229-v1:0', 'Claude 3 Opus', [15, 75], ['us-west-2'], ['us'], {
    profileOnly: false,
  }),
  claude(
    'anthropic.claude-3-5-sonnet-20240620-v1:0',
    'Claude 3.5 Sonnet',
    [3, 15],
    ['us-east-1', 'us-west-2', 'eu-central-1', 'ap-northeast-1', 'ap-southeast-1'],
    ['us', 'eu', 'apac'],
    { profileOnly: false },
  ),
  claude(
    'anthropic.claude-3-5-sonnet-20241022-v2:0',
    'Claude 3.5 Sonnet v2',
    [3, 15],
    ['us-west-2', ...APAC],
    ['us', 'apac'],
    { profileOnly: true, caching: true },
  ),
  claude('anthropic.claude-3-5-haiku-20241022-v1:0', 'Claude 3.5 Haiku', [0.8, 4], US, ['us'], {
    profileOnly: true,
    caching: true,
  }),
  claude(
    'anthropic.claude-3-7-sonnet-20250219-v1:0',
    'Claude 3.7 Sonnet',
    [3, 15],
    [...US, ...EU, ...APAC],
    ['us', 'eu', 'apac'],
    { profileOnly: true, caching: true, reasoning: true },
  ),
  claude(
    'anthropic.claude-sonnet-4-20250514-v1:0',
    'Claude Sonnet 4',
    [3, 15],
    [...US, ...EU, ...APAC],
    ['us', 'eu', 'apac', 'global'],
    { profileOnly: true, caching: true, reasoning: true },
  ),
  claude('anthropic.claude-opus-4-20250514-v1:0', 'Claude Opus 4', [15, 75], US, ['us'], {
    profileOnly: true,
    caching: true,
    reasoning: true,
  }),
  claude('anthropic.claude-opus-4-1-20250805-v1:0', 'Claude Opus 4.1', [15, 75], US, ['us'], {
    profileOnly: true,
    caching: true,
    reasoning: true,
  }),
  claude(
    'anthropic.claude-sonnet-4-5-20250929-v1:0',
    'Claude Sonnet 4.5',
    [3, 15],
    [...US, 'us-west-1', 'ca-central-1', ...EU, ...APAC, 'ap-northeast-3', 'ap-southeast-4'],
    ['us', 'eu', 'apac', 'jp', 'au', 'global'],
    { profileOnly: true, caching: true, reasoning: true },
  ),
  claude(
    'anthropic.claude-haiku-4-5-20251001-v1:0',
    'Claude Haiku 4.5',
    [1, 5],
    [...US, 'us-west-1', 'ca-central-1', ...EU, ...APAC, 'ap-northeast-3', 'ap-southeast-4'],
    ['us', 'eu', 'apac', 'jp', 'au', 'global'],
    { profileOnly: true, caching: true, reasoning: true },
  ),
  claude(
    'anthropic.claude-opus-4-5-20251101-v1:0',
    'Claude Opus 4.5',
    [5, 25],
    [...US, 'us-west-1', ...EU],
    ['us', 'eu', 'global'],
    { profileOnly: true, caching: true, reasoning: true },
  ),
  claude(
    'anthropic.claude-opus-4-6-v1',
    'Claude Opus 4.6',
    [5, 25],
    [...US, 'us-west-1', 'ca-central-1', 'ca-west-1', ...EU],
    ['us', 'eu', 'global'],
    { profileOnly: true, caching: true, reasoning: true },
  ),
  model(
    'amazon.titan-text-express-v1',
    'Titan Text G1 - Express',
    'Amazon',
    'titan-text',
    [0.2, 0.6],
    CLASSIC,
    [],
    ['converse', 'streaming'],
    8_000,
  ),
  model(
    'amazon.titan-text-lite-v1',
    'Titan Text G1 - Lite',
    'Amazon',
    'titan-text',
    [0.15, 0.2],
    CLASSIC,
    [],
    ['converse', 'streaming'],
    4_000,
  ),
  model(
    'amazon.titan-text-premier-v1:0',
    'Titan Text G1 - Premier',
    'Amazon',
    'titan-text',
    [0.5, 1.5],
    ['us-east-1'],
    [],
    ['converse', 'streaming'],
    32_000,
  ),
  embedder(
    'amazon.titan-embed-text-v1',
    'Titan Embeddings G1 - Text',
    'Amazon',
    'titan-embed',
    0.1,
    CLASSIC,
    [1536],
    1,
    8_000,
  ),
  embedder(
    'amazon.titan-embed-text-v2:0',
    'Titan Text Embeddings V2',
    'Amazon',
    'titan-embed',
    0.02,
    CLASSIC,
    [1024, 512, 256],
    1,
    8_000,
  ),
  {
    ...model(
      'amazon.nova-micro-v1:0',
      'Nova Micro',
      'Amazon',
      'nova',
      [0.035, 0.14],
      [...US, ...EU, ...APAC],
      ['us', 'eu', 'apac'],
      [...CHAT, 'tools', 'promptCaching'],
      128_000,
    ),
    cacheReadPrice: 0.00875,
  },
  {
    ...model(
      'amazon.nova-lite-v1:0',
      'Nova Lite',
      'Amazon',
      'nova',
      [0.06, 0.24],
      [...US, ...EU, ...APAC],
      ['us', 'eu', 'apac'],
      [...CHAT, 'tools', 'images', 'promptCaching'],
      300_000,
    ),
    cacheReadPrice: 0.015,
  },
  {
    ...model(
      'amazon.nova-pro-v1:0',
      'Nova Pro',
      'Amazon',
      'nova',
      [0.8, 3.2],
      [...US, ...EU, ...APAC],
      ['us', 'eu', 'apac'],
      [...CHAT, 'tools', 'images', 'promptCaching'],
      300_000,
    ),
    cacheReadPrice: 0.2,
  },
  model(
    'amazon.nova-premier-v1:0',
    'Nova Premier',
    'Amazon',
    'nova',
    [2.5, 12.5],
    US,
    ['us'],
    [...CHAT, 'tools', 'images'],
    1_000_000,
    true,
  ),
  model(
    'meta.llama3-8b-instruct-v1:0',
    'Llama 3 8B Instruct',
    'Meta',
    'llama',
    [0.3, 0.6],
    ['us-east-1', 'us-west-2', 'ca-central-1', 'eu-west-2', 'ap-south-1'],
    [],
    LLAMA,
    8_000,
  ),
  model(
    'meta.llama3-70b-instruct-v1:0',
    'Llama 3 70B Instruct',
    'Meta',
    'llama',
    [2.65, 3.5],
    ['us-east-1', 'us-west-2', 'ca-central-1', 'eu-west-2', 'ap-south-1'],
    [],
    LLAMA,
    8_000,
  ),
  model(
    'meta.llama3-1-8b-instruct-v1:0',
    'Llama 3.1 8B Instruct',
    'Meta',
    'llama',
    [0.22, 0.22],
    US,
    ['us'],
    [...LLAMA, 'tools'],
    128_000,
  ),
  model(
    'meta.llama3-1-70b-instruct-v1:0',
    'Llama 3.1 70B Instruct',
    'Meta',
    'llama',
    [0.72, 0.72],
    US,
    ['us'],
    [...LLAMA, 'tools'],
    128_000,
  ),
  model(
    'meta.llama3-1-405b-instruct-v1:0',
    'Llama 3.1 405B Instruct',
    'Meta',
    'llama',
    [2.4, 2.4],
    ['us-west-2'],
    ['us'],
    [...LLAMA, 'tools'],
    128_000,
  ),
  model(
    'meta.llama3-2-1b-instruct-v1:0',
    'Llama 3.2 1B Instruct',
    'Meta',
    'llama',
    [0.1, 0.1],
    [...US, 'eu-central-1', 'eu-west-1', 'eu-west-3'],
    ['us', 'eu'],
    LLAMA,
    128_000,
    true,
  ),
  model(
    'meta.llama3-2-3b-instruct-v1:0',
    'Llama 3.2 3B Instruct',
    'Meta',
    'llama',
    [0.15, 0.15],
    [...US, 'eu-central-1', 'eu-west-1', 'eu-west-3'],
    ['us', 'eu'],
    LLAMA,
    128_000,
    true,
  ),
  model(
    'meta.llama3-2-11b-instruct-v1:0',
    'Llama 3.2 11B Vision Instruct',
    'Meta',
    'llama',
    [0.16, 0.16],
    US,
    ['us'],
    [...LLAMA, 'tools', 'images'],
    128_000,
    true,
  ),
  model(
    'meta.llama3-2-90b-instruct-v1:0',
    'Llama 3.2 90B Vision Instruct',
    'Meta',
    'llama',
    [0.72, 0.72],
    US,
    ['us'],
    [...LLAMA, 'tools', 'images'],
    128_000,
    true,
  ),
  model(
    'meta.llama3-3-70b-instruct-v1:0',
    'Llama 3.3 70B Instruct',
    'Meta',
    'llama',
    [0.72, 0.72],
    US,
    ['us'],
    [...LLAMA, 'tools'],
    128_000,
    true,
  ),
  model(
    'meta.llama4-scout-17b-instruct-v1:0',
    'Llama 4 Scout 17B Instruct',
    'Meta',
    'llama',
    [0.17, 0.66],
    US,
    ['us'],
    [...LLAMA, 'tools', 'images'],
    3_500_000,
    true,
  ),
  model(
    'meta.llama4-maverick-17b-instruct-v1:0',
    'Llama 4 Maverick 17B Instruct',
    'Meta',
    'llama',
    [0.24, 0.97],
    US,
    ['us'],
    [...LLAMA, 'tools', 'images'],
    1_000_000,
    true,
  ),
  // Mistral 7B and Mixtral take no system prompt through Converse; the provider folds it into the first user turn.
  model(
    'mistral.mistral-7b-instruct-v0:2',
    'Mistral 7B Instruct',
    'Mistral AI',
    'mistral',
    [0.15, 0.2],
    ['us-east-1', 'us-west-2', 'eu-west-1', 'eu-west-3', 'ap-south-1', 'ap-southeast-2', 'ca-central-1'],
    [],
    ['converse', 'streaming'],
    32_000,
  ),
  model(
    'mistral.mixtral-8x7b-instruct-v0:1',
    'Mixtral 8x7B Instruct',
    'Mistral AI',
    'mistral',
    [0.45, 0.7],
    ['us-east-1', 'us-west-2', 'eu-west-1', 'eu-west-3', 'ap-south-1', 'ap-southeast-2', 'ca-central-1'],
    [],
    ['converse', 'streaming'],
    32_000,
  ),
  model(
    'mistral.mistral-large-2402-v1:0',
    'Mistral Large (24.02)',
    'Mistral AI',
    'mistral',
    [4, 12],
    ['us-east-1', 'us-west-2', 'eu-west-1', 'eu-west-3', 'ap-south-1', 'ap-southeast-2', 'ca-central-1'],
    [],
    [...CHAT, 'tools'],
    32_000,
  ),
  model(
    'mistral.mistral-large-2407-v1:0',
    'Mistral Large 2 (24.07)',
    'Mistral AI',
    'mistral',
    [2, 6],
    ['us-west-2'],
    [],
    [...CHAT, 'tools'],
    128_000,
  ),
  model(
    'mistral.mistral-small-2402-v1:0',
    'Mistral Small (24.02)',
    'Mistral AI',
    'mistral',
    [1, 3],
    ['us-east-1'],
    [],
    [...CHAT, 'tools'],
    32_000,
  ),
  model(
    'mistral.pixtral-large-2502-v1:0',
    'Pixtral Large (25.02)',
    'Mistral AI',
    'mistral',
    [2, 6],
    ['us-east-1', 'us-east-2', 'us-west-2', 'eu-central-1', 'eu-north-1', 'eu-west-1', 'eu-west-3'],
    ['us', 'eu'],
    [...CHAT, 'tools', 'images'],
    128_000,
    true,
  ),
  model(
    'cohere.command-r-v1:0',
    'Command R',
    'Cohere',
    'cohere-command',
    [0.5, 1.5],
    ['us-east-1', 'us-west-2'],
    [],
    [...CHAT, 'tools'],
    128_000,
  ),
  model(
    'cohere.command-r-plus-v1:0',
    'Command R+',
    'Cohere',
    'cohere-command',
    [3, 15],
    ['us-east-1', 'us-west-2'],
    [],
    [...CHAT, 'tools'],
    128_000,
  ),
  embedder(
    'cohere.embed-english-v3',
    'Embed English v3',
    'Cohere',
    'cohere-embed',
    0.1,
    CLASSIC,
    [1024],
    96,
    512,
  ),
  embedder(
    'cohere.embed-multilingual-v3',
    'Embed Multilingual v3',
    'Cohere',
    'cohere-embed',
    0.1,
    CLASSIC,
    [1024],
    96,
    512,
  ),
  model(
    'ai21.jamba-1-5-large-v1:0',
    'Jamba 1.5 Large',
    'AI21 Labs',
    'ai21-jamba',
    [2, 8],
    ['us-east-1'],
    [],
    [...CHAT, 'tools'],
    256_000,
  ),
  model(
    'ai21.jamba-1-5-mini-v1:0',
    'Jamba 1.5 Mini',
    'AI21 Labs',
    'ai21-jamba',
    [0.2, 0.4],
    ['us-east-1'],
    [],
    [...CHAT, 'tools'],
    256_000,
  ),
  model(
    'deepseek.r1-v1:0',
    'DeepSeek-R1',
    'DeepSeek',
    'deepseek',
    [1.35, 5.4],
    US,
    ['us'],
    [...CHAT, 'reasoning'],
    128_000,
    true,
  ),
  model(
    'deepseek.v3-v1:0',
    'DeepSeek-V3.1',
    'DeepSeek',
    'deepseek',
    [0.58, 1.68],
    ['us-west-2', 'ap-northeast-1', 'ap-south-1', 'eu-north-1'],
    [],
    [...CHAT, 'tools', 'reasoning'],
    128_000,
  ),
  model(
    'openai.gpt-oss-120b-1:0',
    'gpt-oss-120b',
    'OpenAI',
    'openai',
    [0.15, 0.6],
    ['us-west-2', 'us-east-1', 'ap-northeast-1', 'ap-south-1', 'eu-north-1', 'eu-west-1'],
    [],
    [...CHAT, 'tools', 'reasoning'],
    128_000,
  ),
  model(
    'openai.gpt-oss-20b-1:0',
    'gpt-oss-20b',
    'OpenAI',
    'openai',
    [0.07, 0.3],
    ['us-west-2', 'us-east-1', 'ap-northeast-1', 'ap-south-1', 'eu-north-1', 'eu-west-1'],
    [],
    [...CHAT, 'tools', 'reasoning'],
    128_000,
  ),
  model(
    'qwen.qwen3-32b-v1:0',
    'Qwen3 32B',
    'Qwen',
    'qwen',
    [0.15, 0.6],
    ['us-west-2', 'us-east-2', 'ap-northeast-1', 'ap-south-1', 'eu-north-1', 'eu-west-2'],
    [],
    [...CHAT, 'tools', 'reasoning'],
    128_000,
  ),
  model(
    'qwen.qwen3-235b-a22b-2507-v1:0',
    'Qwen3 235B A22B 2507',
    'Qwen',
    'qwen',
    [0.22, 0.88],
    ['us-west-2', 'ap-northeast-1', 'ap-south-1', 'eu-north-1', 'eu-west-2'],
    [],
    [...CHAT, 'tools'],
    256_000,
  ),
  model(
    'qwen.qwen3-coder-480b-a35b-v1:0',
    'Qwen3 Coder 480B A35B',
    'Qwen',
    'qwen',
    [0.22, 1.8],
    ['us-west-2', 'ap-northeast-1', 'ap-south-1', 'eu-north-1', 'eu-west-2'],
    [],
    [...CHAT, 'tools'],
    256_000,
  ),
];
