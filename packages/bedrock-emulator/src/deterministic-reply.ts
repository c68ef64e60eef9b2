import { createHash } from 'node:crypto';

/** A 32-bit seed from any text, stable across runs and platforms. */
export function seedOf(...parts: string[]): number {
  return createHash('sha256').update(parts.join('\u0000')).digest().readUInt32BE(0);
}

/** mulberry32: small, fast and good enough for filler text and test vectors. */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = Math.imul(state ^ (state >>> 15), 1 | state);
    mixed = (mixed + Math.imul(mixed ^ (mixed >>> 7), 61 | mixed)) ^ mixed;
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Splits text into tokens that concatenate back to it: each token is a run of non-space characters with
 * the whitespace before it. The emulator counts, cuts and streams text in these units.
 */
export function tokenize(text: string): string[] {
  return text.match(/\s*\S+/g) ?? [];
}

export function countTokens(text: string): number {
  return tokenize(text).length;
}

const VOCABULARY = [
  'bedrock',
  'router',
  'model',
  'answer',
  'request',
  'stream',
  'token',
  'region',
  'profile',
  'latency',
  'quietly',
  'returns',
  'careful',
  'simple',
  'local',
  'steady',
  'signal',
  'river',
  'garden',
  'lantern',
  'measures',
  'follows',
  'writes',
  'reads',
  'keeps',
  'offers',
  'checks',
  'builds',
  'brings',
  'finds',
  'a',
  'the',
  'every',
  'each',
  'some',
  'this',
  'that',
  'one',
  'its',
  'our',
  'bright',
  'calm',
  'green',
  'small',
  'clear',
  'early',
  'plain',
  'useful',
  'gentle',
  'exact',
  'morning',
  'harbor',
  'window',
  'pattern',
  'record',
  'number',
  'letter',
  'bridge',
  'path',
  'field',
  'and',
  'with',
  'from',
  'into',
  'over',
  'near',
];

export interface ReplyInput {
  modelId: string;
  prompt: string;
  system?: string;
  /** Words of filler after the preamble. Unset: 24–40, chosen by the hash. */
  words?: number;
}

/**
 * The emulator's answer: names the model, echoes the start of the system prompt (so passthrough is
 * testable) and continues with filler chosen by a hash of model, prompt and system — the same request
 * always gets the same text.
 */
export function composeReply(input: ReplyInput): string {
  const random = createRandom(seedOf(input.modelId, input.prompt, input.system ?? ''));
  const parts = [`Emulated reply from ${input.modelId}.`];
  const system = input.system?.trim();
  if (system) parts.push(`System prompt: “${tokenize(system).slice(0, 12).join('').trim()}”.`);
  const total = input.words ?? 24 + Math.floor(random() * 17);
  let sentence: string[] = [];
  let sentenceLength = 6 + Math.floor(random() * 7);
  for (let index = 0; index < total; index++) {
    sentence.push(VOCABULARY[Math.floor(random() * VOCABULARY.length)] ?? 'token');
    if (sentence.length === sentenceLength || index === total - 1) {
      const text = sentence.join(' ');
      parts.push(`${text.charAt(0).toUpperCase()}${text.slice(1)}.`);
      sentence = [];
      sentenceLength = 6 + Math.floor(random() * 7);
    }
  }
  return parts.join(' ');
}

/**
 * A deterministic embedding: the sum of one pseudo-random vector per lower-cased word, so texts that
 * share words point in similar directions (useful for routing demos), plus a small whole-text term so
 * different texts never collide exactly.
 */
export function embedText(text: string, dimensions: number, normalize: boolean): number[] {
  const vector = new Array<number>(dimensions).fill(0);
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  for (const word of [...words, `\u0000${text}`]) {
    const random = createRandom(seedOf('embedding', word));
    const weight = word.startsWith('\u0000') ? 0.25 : 1;
    for (let index = 0; index < dimensions; index++)
      vector[index] = (vector[index] ?? 0) + weight * (random() * 2 - 1);
  }
  if (!normalize) return vector.map((value) => round(value / Math.sqrt(words.length + 1)));
  const norm = Math.hypot(...vector) || 1;
  return vector.map((value) => round(value / norm));
}

function round(value: number): number {
  return Math.round(value * 1e7) / 1e7;
}
