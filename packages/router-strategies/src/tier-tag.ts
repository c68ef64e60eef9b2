import type { ChatRequestV1, TierV1 } from '@llmrouter/core';
import { LLMRouterError } from '@llmrouter/errors';

/** Tag words a user may write in the prompt (`[high]`) or send in `x-llmrouter-tier`. */
const TIER_WORDS: Readonly<Record<string, TierV1>> = {
  high: 'top',
  top: 'top',
  mid: 'mid',
  medium: 'mid',
  low: 'low',
};

const TAG = /\[(high|top|mid|medium|low)\]/i;

export const TIER_HEADER = 'x-llmrouter-tier';

export function parseTierWord(word: string): TierV1 | undefined {
  return TIER_WORDS[word.trim().toLowerCase()];
}

/**
 * Finds a tier tag in the last user message and returns the request without it. Only the first tag
 * counts, and only in the last user message, so an old turn cannot pin the tier forever.
 */
export function extractTierTag(request: ChatRequestV1): { request: ChatRequestV1; tier?: TierV1 } {
  for (let index = request.messages.length - 1; index >= 0; index--) {
    const message = request.messages[index];
    if (message?.role !== 'user') continue;
    for (let partIndex = 0; partIndex < message.content.length; partIndex++) {
      const part = message.content[partIndex];
      if (part?.type !== 'text') continue;
      const match = TAG.exec(part.text);
      if (!match) continue;
      const tier = parseTierWord(match[1] ?? '');
      const text = (part.text.slice(0, match.index) + part.text.slice(match.index + match[0].length))
        .replace(/[ \t]{2,}/g, ' ')
        .trim();
      const content = message.content.map((item, position) =>
        position === partIndex ? { ...part, text } : item,
      );
      const messages = request.messages.map((item, position) =>
        position === index ? { ...message, content } : item,
      );
      return tier ? { request: { ...request, messages }, tier } : { request };
    }
    return { request };
  }
  return { request };
}

/** The tier from the `x-llmrouter-tier` header; an unknown word is a client error, not silently ignored. */
export function tierFromHeaders(headers: Readonly<Record<string, string>> | undefined): TierV1 | undefined {
  const value = headers?.[TIER_HEADER];
  if (value === undefined || value.trim() === '') return undefined;
  const tier = parseTierWord(value);
  if (tier) return tier;
  throw new LLMRouterError({
    code: 'request_invalid',
    message: `The ${TIER_HEADER} header "${value}" is not a tier.`,
    hint: `Send ${TIER_HEADER}: top, high, mid or low.`,
  });
}
