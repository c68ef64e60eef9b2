import type { ToolCallV1 } from './chat-request';

export type FinishReasonV1 = 'stop' | 'length' | 'tool-calls' | 'content-filter' | 'other';

/**
 * Token counts. The three input counts are disjoint: `inputTokens` excludes tokens read from or written
 * to the prompt cache (OpenAI counts cached tokens inside `prompt_tokens`; providers subtract them), and
 * `totalTokens` is the sum of all four.
 */
export interface UsageV1 {
  inputTokens: number;
  outputTokens: number;
  totalTokens: number;
  /** Prompt tokens served from the provider's prompt cache. */
  cacheReadTokens: number;
  /** Prompt tokens written to the provider's prompt cache. */
  cacheWriteTokens: number;
}

export interface CostV1 {
  currency: 'USD';
  input: number;
  output: number;
  total: number;
}

/** A setting the model could not honour, reported instead of silently dropped. */
export type WarningV1 =
  | { type: 'unsupported-setting'; setting: string; details?: string }
  | { type: 'other'; message: string };

export type ProviderMetadataV1 = Record<string, Record<string, unknown>>;

export interface ChatResultV1 {
  text: string;
  reasoning?: string;
  toolCalls: ToolCallV1[];
  finishReason: FinishReasonV1;
  usage: UsageV1;
  /** Wall-clock milliseconds from the call to the complete answer. */
  latencyMs: number;
  /** Filled by whoever knows the model's prices (see `computeCost`). */
  cost?: CostV1;
  /** The provider's model id that actually answered (it may differ after an inference-profile retry). */
  modelId: string;
  /** Provider facts keyed by provider id: request id, region, inference profile used, … */
  providerMetadata: ProviderMetadataV1;
  warnings: WarningV1[];
}

export function emptyUsage(): UsageV1 {
  return { inputTokens: 0, outputTokens: 0, totalTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0 };
}
