import { readFile } from 'node:fs/promises';
import { LLMRouterError } from '@llmrouter/errors';
import type { Metric, ScoredQuestion } from './score-answer';

export type QuestionMetric = Metric | 'judge' | 'auto';
export const QUESTION_METRICS: readonly QuestionMetric[] = [
  'auto',
  'exact',
  'f1',
  'choice',
  'numeric',
  'judge',
];

export interface Question extends ScoredQuestion {
  question: string;
  metric?: QuestionMetric;
}

function questionError(source: string, problem: string): LLMRouterError {
  return new LLMRouterError({
    code: 'request_invalid',
    message: `${source}: ${problem}`,
    hint: 'Questions are a JSON array or JSONL of {"question": "...", "answer": "..." or number or [..], "choices"?: [..], "metric"?: "exact|f1|choice|numeric|judge"}.',
  });
}

function toQuestion(value: unknown, where: string, source: string): Question {
  const record = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  const question = record.question ?? record.query;
  const answer = record.answer ?? record.reference ?? record.gt;
  if (typeof question !== 'string' || question.trim() === '')
    throw questionError(source, `${where} has no "question" text`);
  const valid = (item: unknown) => typeof item === 'string' || typeof item === 'number';
  if (!(valid(answer) || (Array.isArray(answer) && answer.length > 0 && answer.every(valid)))) {
    throw questionError(source, `${where} has no "answer" (a string, a number or a list of them)`);
  }
  const result: Question = { question, answer: answer as Question['answer'] };
  if (record.choices !== undefined) {
    if (!Array.isArray(record.choices) || !record.choices.every((choice) => typeof choice === 'string')) {
      throw questionError(source, `${where}: "choices" must be a list of strings`);
    }
    result.choices = record.choices as string[];
  }
  if (record.metric !== undefined) {
    if (!QUESTION_METRICS.includes(record.metric as QuestionMetric))
      throw questionError(source, `${where}: unknown metric "${String(record.metric)}"`);
    result.metric = record.metric as QuestionMetric;
  }
  return result;
}

export function parseQuestions(text: string, source: string): Question[] {
  const trimmed = text.trimStart();
  let values: unknown[];
  if (trimmed.startsWith('[')) {
    try {
      values = JSON.parse(trimmed) as unknown[];
    } catch (error) {
      throw questionError(source, `not valid JSON (${(error as Error).message})`);
    }
  } else {
    values = [];
    for (const [index, line] of trimmed.split('\n').entries()) {
      if (line.trim() === '') continue;
      try {
        values.push(JSON.parse(line));
      } catch {
        throw questionError(source, `line ${index + 1} is not valid JSON`);
      }
    }
  }
  if (values.length === 0) throw questionError(source, 'there are no questions');
  return values.map((value, index) => toQuestion(value, `question ${index + 1}`, source));
}

export async function readQuestions(path: string): Promise<Question[]> {
  try {
    return parseQuestions(await readFile(path, 'utf8'), path);
  } catch (error) {
    if (LLMRouterError.is(error)) throw error;
    throw questionError(
      path,
      `cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
    );
  }
}

/** The prompt a candidate model sees: the question, its options, and how to state the answer. */
export function promptFor(question: Question, metric: Metric | 'judge'): string {
  const letters = 'ABCDEFGHIJ';
  // Options go with the question whatever grades it (a judge grades a multiple-choice answer too).
  if (question.choices && question.choices.length > 0) {
    const options = question.choices.map((choice, index) => `${letters[index]}. ${choice}`).join('\n');
    return `${question.question}\n\n${options}\n\nAnswer with the letter of the correct option.`;
  }
  if (metric === 'numeric')
    return `${question.question}\n\nEnd your answer with the final number on its own line, as "#### <number>".`;
  if (metric === 'exact') return `${question.question}\n\nAnswer with only the answer, no explanation.`;
  return question.question;
}
