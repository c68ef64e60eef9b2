import { CODE_REQUEST, CODE_STUB, DIGIT, startsLowerCase, wordCount } from './prompt-shape';

/**
 * A coarse guess at which kind of benchmark task a prompt is, from its text alone. Routing data mixes
 * task families (code stubs, maths with LaTeX, grade-school word problems, trivia, reading passages…)
 * whose best models differ, and a linear scorer cannot infer a family from word overlap alone: these
 * hand-written rules give it one indicator feature per family. Written from prompt shapes in the
 * training split only; no labels are used.
 */
export const TASK_FAMILIES = [
  'code-stub',
  'code-request',
  'latex-maths',
  'reading',
  'lowercase-query',
  'word-problem',
  'long',
  'completion',
  'short-question',
  'question',
] as const;

export type TaskFamily = (typeof TASK_FAMILIES)[number];

const LATEX = /\$|\\frac|\\[a-z]+\{/;
const QUANTITY_QUESTION = /[Hh]ow (?:many|much)|\?$/;

export function taskFamily(prompt: string): TaskFamily {
  const text = prompt.trim();
  if (CODE_STUB.test(prompt)) return 'code-stub';
  if (CODE_REQUEST.test(text)) return 'code-request';
  if (LATEX.test(prompt)) return 'latex-maths';
  if (text.length > 600) return 'reading';
  const asks = text.endsWith('?');
  if (startsLowerCase(text) && !asks) return 'lowercase-query';
  const words = wordCount(text);
  if (DIGIT.test(text) && QUANTITY_QUESTION.test(text) && words > 25) return 'word-problem';
  if (words > 45) return 'long';
  if (!asks) return 'completion';
  return words <= 14 ? 'short-question' : 'question';
}

/** The family's position in TASK_FAMILIES (the linear scorer's extra feature column). */
export function taskFamilyIndex(prompt: string): number {
  return TASK_FAMILIES.indexOf(taskFamily(prompt));
}
