import type { FinishReasonV1, UsageV1 } from '@llmrouter/core';

/** The usage object of OpenAI-compatible servers; only the fields we read. */
export interface OpenAIUsage {
  prompt_tokens?: number | null;
  completion_tokens?: number | null;
  prompt_tokens_details?: { cached_tokens?: number | null } | null;
  /** DeepSeek reports cache hits here instead. */
  prompt_cache_hit_tokens?: number | null;
}

/**
 * OpenAI counts cached prompt tokens inside `prompt_tokens`; UsageV1 keeps the counts disjoint, so the
 * cached part moves to `cacheReadTokens`.
 */
export function mapOpenAIUsage(usage: OpenAIUsage | null | undefined): UsageV1 {
  const prompt = usage?.prompt_tokens ?? 0;
  const cached = Math.min(
    prompt,
    usage?.prompt_tokens_details?.cached_tokens ?? usage?.prompt_cache_hit_tokens ?? 0,
  );
  const inputTokens = prompt - cached;
  const outputTokens = usage?.completion_tokens ?? 0;
  return {
    inputTokens,
    outputTokens,
    cacheReadTokens: cached,
    cacheWriteTokens: 0,
    totalTokens: inputTokens + outputTokens + cached,
  };
}

/** A server that was forced to call a tool often still says `stop`; the tool calls are what happened. */
export function mapOpenAIFinishReason(
  reason: string | null | undefined,
  hasToolCalls: boolean,
): FinishReasonV1 {
  switch (reason) {
    case 'stop':
    case 'eos':
      return hasToolCalls ? 'tool-calls' : 'stop';
    case 'length':
      return 'length';
    case 'tool_calls':
    case 'function_call':
      return 'tool-calls';
    case 'content_filter':
      return 'content-filter';
    default:
      return hasToolCalls ? 'tool-calls' : 'other';
  }
}
