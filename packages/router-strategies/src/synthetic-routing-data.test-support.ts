import type { RoutingExample } from './routing-data';

const MATH = ['add', 'sum', 'multiply', 'divide', 'fraction', 'equation', 'integer', 'solve'];
const CODE = ['python', 'function', 'list', 'string', 'return', 'loop', 'array', 'def'];
const TRIVIA = ['capital', 'river', 'author', 'king', 'war', 'country', 'novel', 'painter'];

/**
 * Three kinds of question with a clear best model each: `mathematician` solves maths, `coder` code,
 * `cheap` does trivia as well as anyone at a fifth of the price. Deterministic for a given seed.
 */
export function syntheticRoutingData(count: number, seed = 1): RoutingExample[] {
  let state = seed;
  const next = () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  const pick = (words: string[]) => words[Math.floor(next() * words.length)]!;
  return Array.from({ length: count }, (_, index) => {
    const kind = index % 3;
    const words = kind === 0 ? MATH : kind === 1 ? CODE : TRIVIA;
    const question =
      kind === 0
        ? `What is the ${pick(words)} of ${Math.floor(next() * 90)} and ${Math.floor(next() * 90)}? Please ${pick(words)} it.`
        : kind === 1
          ? `Write a python ${pick(words)} that will ${pick(words)} a ${pick(words)}.`
          : `Which ${pick(words)} is known for the ${pick(words)}?`;
    const noise = () => (next() < 0.1 ? 1 : 0);
    const scores =
      kind === 0
        ? { mathematician: 1, coder: noise(), cheap: noise() }
        : kind === 1
          ? { mathematician: noise(), coder: 1, cheap: noise() }
          : { mathematician: 0.8, coder: 0.8, cheap: 0.8 };
    return { question, scores };
  });
}

export const SYNTHETIC_PRICES = {
  mathematician: { inputPrice: 1, outputPrice: 1 },
  coder: { inputPrice: 1, outputPrice: 1 },
  cheap: { inputPrice: 0.2, outputPrice: 0.2 },
};
