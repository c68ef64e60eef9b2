import { stringify } from 'yaml';
import type { LLMRouterConfig } from './config-schema';

/**
 * Writes a config in the native format. Loading the output gives back an equal config, which is how
 * `llmrouter` converts OpenClaw, LiteLLM and candidate files to native ones.
 */
export function serializeConfig(config: LLMRouterConfig, format: 'yaml' | 'json' = 'yaml'): string {
  const plain = JSON.parse(JSON.stringify(config)) as unknown;
  return format === 'json' ? `${JSON.stringify(plain, null, 2)}\n` : stringify(plain, { lineWidth: 0 });
}
