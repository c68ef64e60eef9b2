import { LLMRouterError } from '@llmrouter/errors';

/**
 * The provider kinds a config may name, with the spellings users actually write. Core knows names
 * only; the apps register an implementation for each family in a ProviderRegistry.
 */
export type ProviderFamily = 'bedrock' | 'anthropic' | 'openai-compatible';

export interface ProviderKind {
  /** Canonical id: `bedrock`, `nvidia`, `openai-compatible`, … */
  id: string;
  family: ProviderFamily;
  displayName: string;
  aliases: readonly string[];
}

export const PROVIDER_KINDS: readonly ProviderKind[] = [
  {
    id: 'bedrock',
    family: 'bedrock',
    displayName: 'AWS Bedrock',
    aliases: ['aws', 'aws-bedrock', 'amazon-bedrock', 'amazon', 'bedrock-runtime', 'bedrock-converse'],
  },
  {
    id: 'anthropic',
    family: 'anthropic',
    displayName: 'Anthropic',
    aliases: ['claude', 'anthropic-messages'],
  },
  { id: 'openai', family: 'openai-compatible', displayName: 'OpenAI', aliases: ['open-ai'] },
  { id: 'nvidia', family: 'openai-compatible', displayName: 'NVIDIA NIM', aliases: ['nvidia-nim', 'nim'] },
  { id: 'vllm', family: 'openai-compatible', displayName: 'vLLM', aliases: ['hosted-vllm'] },
  { id: 'sglang', family: 'openai-compatible', displayName: 'SGLang', aliases: [] },
  { id: 'ollama', family: 'openai-compatible', displayName: 'Ollama', aliases: ['ollama-chat'] },
  { id: 'lmstudio', family: 'openai-compatible', displayName: 'LM Studio', aliases: ['lm-studio'] },
  {
    id: 'llamacpp',
    family: 'openai-compatible',
    displayName: 'llama.cpp server',
    aliases: ['llama.cpp', 'llama-cpp'],
  },
  { id: 'groq', family: 'openai-compatible', displayName: 'Groq', aliases: [] },
  {
    id: 'together',
    family: 'openai-compatible',
    displayName: 'Together AI',
    aliases: ['together-ai', 'togetherai'],
  },
  { id: 'openrouter', family: 'openai-compatible', displayName: 'OpenRouter', aliases: ['open-router'] },
  { id: 'deepseek', family: 'openai-compatible', displayName: 'DeepSeek', aliases: [] },
  {
    id: 'mistral',
    family: 'openai-compatible',
    displayName: 'Mistral AI',
    aliases: ['mistralai', 'mistral-ai'],
  },
  {
    id: 'openai-compatible',
    family: 'openai-compatible',
    displayName: 'OpenAI-compatible (custom base URL)',
    aliases: ['custom', 'openai-like', 'local', 'generic'],
  },
];

/** Lower-case, trimmed, with spaces and underscores as dashes: "AWS Bedrock" and "aws_bedrock" meet. */
export function normalizeProviderName(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, '-');
}

const byName = new Map<string, ProviderKind>();
for (const kind of PROVIDER_KINDS) {
  byName.set(kind.id, kind);
  for (const alias of kind.aliases) byName.set(alias, kind);
}

/** The provider kind for a name in any casing or alias, or undefined. */
export function findProviderKind(name: string): ProviderKind | undefined {
  return byName.get(normalizeProviderName(name));
}

export function knownProviderNames(): string[] {
  return PROVIDER_KINDS.map((kind) => kind.id);
}

/** Like `findProviderKind`, but an unknown name is an error that lists the known ones. */
export function resolveProviderKind(name: string): ProviderKind {
  const kind = findProviderKind(name);
  if (kind) return kind;
  throw new LLMRouterError({
    code: 'provider_unknown',
    message: `Unknown provider "${name}". Known providers: ${knownProviderNames().join(', ')}.`,
    hint: `Use one of: ${knownProviderNames().join(', ')} (case-insensitive), or "openai-compatible" with a base_url for any other OpenAI-compatible server.`,
    details: { provider: name },
  });
}
