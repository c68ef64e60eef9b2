import type { ChatRequestV1, RouteCandidateV1, TierV1 } from '@llmrouter/core';

/** Test-only helpers: candidates and requests built the way the server builds them. */
export function candidate(name: string, price = 1, tier?: TierV1): RouteCandidateV1 {
  return {
    name,
    provider: 'openai',
    modelId: `${name}-id`,
    inputPrice: price,
    outputPrice: price,
    tags: [],
    ...(tier ? { tier } : {}),
  };
}

export function userRequest(text: string, extra: Partial<ChatRequestV1> = {}): ChatRequestV1 {
  return { messages: [{ role: 'user', content: [{ type: 'text', text }] }], ...extra };
}

/** mulberry32: a seedable generator in [0, 1). */
export function seededRandom(seed: number): () => number {
  let state = seed | 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
