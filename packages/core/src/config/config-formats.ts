import { LLMRouterError } from '@llmrouter/errors';
import { formatPath, type Path } from './config-path';
import { fromLiteLLM } from './from-litellm';
import { fromLLMRouterCandidates } from './from-llmrouter-candidates';
import { fromOpenClaw } from './from-openclaw';
import { isDictionary } from './is-dictionary';

export type ConfigFormat = 'native' | 'openclaw' | 'llmrouter-candidates' | 'litellm';

/** A document in any format, turned into the native shape, with a way back to the user's own paths. */
export interface ConvertedConfig {
  format: ConfigFormat;
  document: Record<string, unknown>;
  warnings: string[];
  /** Where a native path is in the user's file, for error messages. */
  pathInSource: (path: Path) => string;
  /** The format makes prices mandatory on every model. */
  requiredPrices?: boolean;
}

export function detectConfigFormat(document: unknown): ConfigFormat | undefined {
  if (!isDictionary(document)) return undefined;
  if ('model_list' in document) return 'litellm';
  if ('llms' in document) return 'openclaw';
  if ('models' in document) return 'native';
  const entries = Object.values(document);
  if (
    entries.length > 0 &&
    entries.every((entry) => isDictionary(entry) && ('service' in entry || 'model' in entry))
  ) {
    return 'llmrouter-candidates';
  }
  return undefined;
}

export function convertToNative(
  document: unknown,
  format: ConfigFormat | undefined,
  source: string,
): ConvertedConfig {
  const detected = format ?? detectConfigFormat(document);
  if (!detected || !isDictionary(document)) {
    throw new LLMRouterError({
      code: 'config_invalid',
      message: `${source}: not a config this tool can read (no "models:", "llms:", "model_list:" or candidate entries found).`,
      hint: 'Write a native config (models: and router:), an OpenClaw config (llms:), a LiteLLM config (model_list:) or an LLMRouter candidate JSON; see configs/ for examples.',
      details: { source },
    });
  }
  switch (detected) {
    case 'litellm':
      return { format: detected, ...fromLiteLLM(document) };
    case 'openclaw':
      return { format: detected, ...fromOpenClaw(document) };
    case 'llmrouter-candidates':
      return { format: detected, ...fromLLMRouterCandidates(document) };
    case 'native':
      return { format: detected, document, warnings: [], pathInSource: formatPath };
  }
}
