import { CODE_REQUEST, CODE_STUB, DIGIT, startsLowerCase, wordCount } from './prompt-shape';

/**
 * Which kind of benchmark task a prompt is, from its text alone: finer than `taskFamily` (which the
 * linear learner's stored weights depend on, so it stays as it is). Routing data mixes task families
 * whose best models differ, and their mean scores carry over from one split to another far better than
 * any single neighbour's, so the `family-knn` learner searches neighbours only within the prompt's family
 * and shrinks toward that family's mean. Every rule was written from prompts of the training split only
 * (no labels) and kept because 5-fold cross-validation on it improved (docs/strategies.md).
 */
export const PROMPT_FAMILIES = [
  'code-stub',
  'code-request',
  'logic-grid-puzzle',
  'boxed-word-problem',
  'clinical-vignette',
  'latex-maths',
  'word-list',
  'lowercase-query',
  'exam-question',
  'reading',
  'word-problem',
  'long',
  'completion',
  'short-question',
  'question',
] as const;

export type PromptFamily = (typeof PROMPT_FAMILIES)[number];

const BOXED_ANSWER = 'put you final answer in \\boxed';
const CLINICAL =
  /\d+[- ]year[- ]old (?:man|woman|boy|girl|male|female|patient|child|infant|newborn|primigravid)|physician|mm Hg|emergency department/;
// Money ("$12") is not LaTeX; "$x^2$", \frac{…}, \[ … \], [asy] and exponents are.
const LATEX = /\$[^$\d\s]|\\frac|\\[a-zA-Z]+\{|\\\[|\[asy\]|\\\(|\^\{?\d/;
const WORD_LIST = /^[a-z]+(?:, [a-z]+){2,}$/;
const EXAM =
  /Scenario 1 \||This question refers to|following argument|Which of the following|Which one of the following|statements? (?:is|are) true/;
const QUANTITY_QUESTION = /[Hh]ow (?:many|much)|[Cc]alculate|\?$/;
// A year in a question is a trivia clue, not a quantity to compute with.
const YEAR = /\b1[5-9]\d\d\b|\b20[0-2]\d\b/;

export function promptFamily(prompt: string): PromptFamily {
  const text = prompt.trim();
  if (CODE_STUB.test(prompt)) return 'code-stub';
  if (CODE_REQUEST.test(text)) return 'code-request';
  if (text.slice(0, 80).includes('houses')) return 'logic-grid-puzzle';
  if (prompt.includes(BOXED_ANSWER)) return 'boxed-word-problem';
  if (CLINICAL.test(prompt)) return 'clinical-vignette';
  if (LATEX.test(prompt)) return 'latex-maths';
  if (WORD_LIST.test(text)) return 'word-list';
  const asks = text.endsWith('?');
  if (startsLowerCase(text) && !asks) return 'lowercase-query';
  if (EXAM.test(prompt)) return 'exam-question';
  if (text.length > 600) return 'reading';
  const words = wordCount(text);
  if (DIGIT.test(text) && QUANTITY_QUESTION.test(text) && words > 20 && !YEAR.test(text))
    return 'word-problem';
  if (words > 45) return 'long';
  if (!asks) return 'completion';
  return words <= 14 ? 'short-question' : 'question';
}
