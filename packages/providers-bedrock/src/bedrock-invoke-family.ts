import type { BedrockModelFamily } from './bedrock-model-catalog';
import { baseModelIdOf } from './bedrock-model-id';
import { findBedrockModel } from './find-bedrock-model';

/** The InvokeModel body dialects: Mistral Large 2 and later, AI21, OpenAI and Qwen speak OpenAI chat. */
export type InvokeFamily =
  | 'anthropic'
  | 'nova'
  | 'titan-text'
  | 'llama'
  | 'mistral'
  | 'cohere-command'
  | 'openai-chat'
  | 'deepseek'
  | 'titan-embed'
  | 'cohere-embed';

const FROM_CATALOG: Record<BedrockModelFamily, InvokeFamily> = {
  anthropic: 'anthropic',
  nova: 'nova',
  'titan-text': 'titan-text',
  'titan-embed': 'titan-embed',
  llama: 'llama',
  mistral: 'mistral',
  'cohere-command': 'cohere-command',
  'cohere-embed': 'cohere-embed',
  'ai21-jamba': 'openai-chat',
  deepseek: 'deepseek',
  openai: 'openai-chat',
  qwen: 'openai-chat',
};

/** The dialect of a model: from the catalog when known, else from the vendor prefix of its id. */
export function invokeFamilyOf(modelId: string): InvokeFamily | undefined {
  const known = findBedrockModel(modelId);
  if (known)
    return known.id === 'mistral.mistral-large-2407-v1:0' ? 'openai-chat' : FROM_CATALOG[known.family];
  const base = baseModelIdOf(modelId) ?? '';
  if (base.startsWith('anthropic.')) return 'anthropic';
  if (base.startsWith('amazon.nova')) return 'nova';
  if (base.startsWith('amazon.titan-embed')) return 'titan-embed';
  if (base.startsWith('amazon.titan')) return 'titan-text';
  if (base.startsWith('meta.')) return 'llama';
  if (base.startsWith('mistral.')) return 'mistral';
  if (base.startsWith('cohere.embed')) return 'cohere-embed';
  if (base.startsWith('cohere.')) return 'cohere-command';
  if (base.startsWith('deepseek.')) return 'deepseek';
  if (/^(ai21|openai|qwen)\./.test(base)) return 'openai-chat';
  return undefined;
}
