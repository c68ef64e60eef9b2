import type { FinishReasonV1 } from '@llmrouter/core';

/** Converse `stopReason` (and the InvokeModel families' own words) to the spec's finish reasons. */
export function mapBedrockFinishReason(reason: string | undefined | null): FinishReasonV1 {
  switch (reason?.toLowerCase()) {
    case 'end_turn':
    case 'stop_sequence':
    case 'stop':
    case 'finish':
    case 'complete':
    case 'stop_criteria_met':
    case 'end_of_turn':
    case 'eos_token':
      return 'stop';
    case 'max_tokens':
    case 'length':
    case 'model_context_window_exceeded':
    case 'max_tokens_reached':
      return 'length';
    case 'tool_use':
    case 'tool_calls':
      return 'tool-calls';
    case 'guardrail_intervened':
    case 'content_filtered':
    case 'content_filter':
    case 'error_toxic':
      return 'content-filter';
    default:
      return 'other';
  }
}
