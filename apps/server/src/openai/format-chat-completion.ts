import { randomBytes } from 'node:crypto';
import type { ChatResultV1, FinishReasonV1, UsageV1 } from '@llmrouter/core';

export interface OpenAIUsage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  prompt_tokens_details: { cached_tokens: number };
}

const FINISH_REASONS: Record<FinishReasonV1, string> = {
  stop: 'stop',
  length: 'length',
  'tool-calls': 'tool_calls',
  'content-filter': 'content_filter',
  other: 'stop',
};

export function openAIFinishReason(reason: FinishReasonV1): string {
  return FINISH_REASONS[reason];
}

/** OpenAI counts cached prompt tokens inside prompt_tokens; the v1 usage keeps them apart. */
export function openAIUsage(usage: UsageV1): OpenAIUsage {
  const prompt = usage.inputTokens + usage.cacheReadTokens + usage.cacheWriteTokens;
  return {
    prompt_tokens: prompt,
    completion_tokens: usage.outputTokens,
    total_tokens: prompt + usage.outputTokens,
    prompt_tokens_details: { cached_tokens: usage.cacheReadTokens },
  };
}

/** Random bytes for ids, drawn 256 ids at a time: one call to the system's generator per 256 answers. */
let randomPool = Buffer.alloc(0);
let randomOffset = 0;

/** `chatcmpl-` and 32 random hex digits: written as one flat string, half the cost of slicing a UUID. */
export function completionId(): string {
  if (randomOffset + 16 > randomPool.length) {
    randomPool = randomBytes(16 * 256);
    randomOffset = 0;
  }
  const id = `chatcmpl-${randomPool.toString('hex', randomOffset, randomOffset + 16)}`;
  randomOffset += 16;
  return id;
}

/** A `chat.completion` object; `model` is the configured name of the model that answered. */
export function formatChatCompletion(result: ChatResultV1, model: string, id: string, text: string) {
  const toolCalls = result.toolCalls.map((call) => ({
    id: call.id,
    type: 'function' as const,
    function: { name: call.name, arguments: call.arguments },
  }));
  return {
    id,
    object: 'chat.completion' as const,
    created: Math.floor(Date.now() / 1000),
    model,
    system_fingerprint: null,
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant' as const,
          content: text.length > 0 || toolCalls.length === 0 ? text : null,
          refusal: null,
          ...(toolCalls.length ? { tool_calls: toolCalls } : {}),
        },
        logprobs: null,
        finish_reason: openAIFinishReason(result.finishReason),
      },
    ],
    usage: openAIUsage(result.usage),
  };
}
