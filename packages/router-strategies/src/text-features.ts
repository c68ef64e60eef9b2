/**
 * The features the hashed TF-IDF embedder counts. Routing data is dominated by *what kind of task* a
 * prompt is (a maths word problem, a Python stub, a trivia question), which word overlap alone misses:
 * two trivia questions rarely share a word. So besides word unigrams, bigrams and character n-grams,
 * a few "shape" features describe the prompt's form: its length band, line and digit counts, first
 * words, final character and the punctuation it uses.
 */
export type FeatureGroup = 'word' | 'bigram' | 'char' | 'shape';

export interface FeatureOptions {
  charNgrams: readonly number[];
}

const WORD = /[\p{L}\p{N}]+/gu;
const PUNCTUATION = /[^\p{L}\p{N}_\s]/gu;
const DIGIT = /\p{N}/gu;
const SENTENCE_END = /[.!?](?:\s|$)/g;
const OPTIONS = /\([A-E]\)|\b[A-E]\)|Answer Choices|Options/;
const LATEX = /\\[a-z]+|\$\$/;

function isUpperCase(character: string): boolean {
  return character !== character.toLowerCase() && character === character.toUpperCase();
}

/** Calls `visit(group, feature)` once per feature occurrence (repeats count). */
export function visitFeatures(
  text: string,
  options: FeatureOptions,
  visit: (group: FeatureGroup, feature: string) => void,
): void {
  const words = text.toLowerCase().match(WORD) ?? [];
  for (const word of words) visit('word', word);
  for (let index = 1; index < words.length; index++) visit('bigram', `${words[index - 1]} ${words[index]}`);
  const joined = ` ${words.join(' ')} `;
  for (const size of options.charNgrams) {
    for (let index = 0; index + size <= joined.length; index++)
      visit('char', joined.slice(index, index + size));
  }
  const trimmed = text.trim();
  const first = text.charAt(0);
  visit('shape', `length:${Math.floor(Math.log2(1 + text.length))}`);
  visit('shape', `lines:${Math.min(text.split('\n').length - 1, 5)}`);
  visit('shape', `digits:${Math.min(Math.floor((text.match(DIGIT)?.length ?? 0) / 3), 5)}`);
  visit('shape', `first:${words[0] ?? ''}`);
  visit('shape', `first2:${words.slice(0, 2).join(' ')}`);
  visit('shape', `last:${trimmed.charAt(trimmed.length - 1)}`);
  visit('shape', `dollar:${text.includes('$')}`);
  visit('shape', `def:${text.includes('def ')}`);
  visit('shape', `question:${text.includes('?')}`);
  visit('shape', `capital:${isUpperCase(first)}`);
  visit('shape', `leading-space:${first !== '' && first.trim() === ''}`);
  visit('shape', `words:${Math.floor(Math.log2(1 + words.length))}`);
  visit('shape', `sentences:${Math.min(text.match(SENTENCE_END)?.length ?? 0, 6)}`);
  visit('shape', `q-colon:${text.trimStart().startsWith('Q:')}`);
  visit('shape', `options:${OPTIONS.test(text)}`);
  visit('shape', `latex:${LATEX.test(text)}`);
  visit('shape', `lowercase:${trimmed === trimmed.toLowerCase()}`);
  visit('shape', `indented:${text.includes('\n    ')}`);
  for (const mark of new Set(text.match(PUNCTUATION) ?? [])) visit('shape', `punctuation:${mark}`);
}

/** 32-bit FNV-1a over UTF-16 code units: fast, dependency-free and stable across platforms. */
export function hashFeature(group: FeatureGroup, feature: string): number {
  let hash = GROUP_SEEDS[group];
  for (let index = 0; index < feature.length; index++) {
    hash ^= feature.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

function seed(prefix: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < prefix.length; index++) {
    hash ^= prefix.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash;
}

// The FNV state after `group:`, so that hashing a feature never builds a `group:feature` string.
const GROUP_SEEDS: Readonly<Record<FeatureGroup, number>> = {
  word: seed('word:'),
  bigram: seed('bigram:'),
  char: seed('char:'),
  shape: seed('shape:'),
};
