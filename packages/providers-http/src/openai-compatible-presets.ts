/** What a provider `kind` implies when the config does not say otherwise. */
export interface OpenAICompatiblePreset {
  displayName: string;
  /** Undefined for the custom kind, whose base URL the config must give. */
  baseUrl: string | undefined;
  /** The environment variable read for the key when the config names none. */
  apiKeyEnv: string | undefined;
  /** Hosted APIs reject anonymous calls; local servers (vLLM, Ollama, …) run without a key by default. */
  requiresKey: boolean;
}

export type OpenAICompatibleKind =
  | 'openai'
  | 'nvidia'
  | 'vllm'
  | 'sglang'
  | 'ollama'
  | 'lmstudio'
  | 'llamacpp'
  | 'groq'
  | 'together'
  | 'openrouter'
  | 'deepseek'
  | 'mistral'
  | 'openai-compatible';

export const openAICompatiblePresets: Readonly<
  Record<OpenAICompatibleKind, Readonly<OpenAICompatiblePreset>>
> = {
  openai: {
    displayName: 'OpenAI',
    baseUrl: 'https://api.openai.com/v1',
    apiKeyEnv: 'OPENAI_API_KEY',
    requiresKey: true,
  },
  nvidia: {
    displayName: 'NVIDIA NIM',
    baseUrl: 'https://integrate.api.nvidia.com/v1',
    apiKeyEnv: 'NVIDIA_API_KEY',
    requiresKey: true,
  },
  vllm: {
    displayName: 'vLLM',
    baseUrl: 'http://localhost:8000/v1',
    apiKeyEnv: 'VLLM_API_KEY',
    requiresKey: false,
  },
  sglang: {
    displayName: 'SGLang',
    baseUrl: 'http://localhost:30000/v1',
    apiKeyEnv: 'SGLANG_API_KEY',
    requiresKey: false,
  },
  ollama: {
    displayName: 'Ollama',
    baseUrl: 'http://localhost:11434/v1',
    apiKeyEnv: 'OLLAMA_API_KEY',
    requiresKey: false,
  },
  lmstudio: {
    displayName: 'LM Studio',
    baseUrl: 'http://localhost:1234/v1',
    apiKeyEnv: 'LMSTUDIO_API_KEY',
    requiresKey: false,
  },
  llamacpp: {
    displayName: 'llama.cpp server',
    baseUrl: 'http://localhost:8080/v1',
    apiKeyEnv: 'LLAMACPP_API_KEY',
    requiresKey: false,
  },
  groq: {
    displayName: 'Groq',
    baseUrl: 'https://api.groq.com/openai/v1',
    apiKeyEnv: 'GROQ_API_KEY',
    requiresKey: true,
  },
  together: {
    displayName: 'Together AI',
    baseUrl: 'https://api.together.xyz/v1',
    apiKeyEnv: 'TOGETHER_API_KEY',
    requiresKey: true,
  },
  openrouter: {
    displayName: 'OpenRouter',
    baseUrl: 'https://openrouter.ai/api/v1',
    apiKeyEnv: 'OPENROUTER_API_KEY',
    requiresKey: true,
  },
  deepseek: {
    displayName: 'DeepSeek',
    baseUrl: 'https://api.deepseek.com/v1',
    apiKeyEnv: 'DEEPSEEK_API_KEY',
    requiresKey: true,
  },
  mistral: {
    displayName: 'Mistral AI',
    baseUrl: 'https://api.mistral.ai/v1',
    apiKeyEnv: 'MISTRAL_API_KEY',
    requiresKey: true,
  },
  'openai-compatible': {
    displayName: 'OpenAI-compatible server',
    baseUrl: undefined,
    apiKeyEnv: undefined,
    requiresKey: false,
  },
};

export function isOpenAICompatibleKind(kind: string): kind is OpenAICompatibleKind {
  return Object.hasOwn(openAICompatiblePresets, kind);
}
