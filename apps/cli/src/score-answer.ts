/**
 * Scores a model's answer against a reference, as LLMRouter's data generation does: SQuAD-style exact
 * match and token F1, the letter of a multiple-choice answer, or the final number of a numeric answer.
 */
export type Metric = 'exact' | 'f1' | 'choice' | 'numeric';

const ARTICLES = /\b(a|an|the)\b/g;

/** Lower case, no punctuation, no articles, single spaces (the SQuAD normalization). */
export function normalizeAnswer(text: string): string {
  return text
    .toLowerCase()
    .replace(/[\p{P}\p{S}]/gu, ' ')
    .replace(ARTICLES, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export function exactMatch(answer: string, references: readonly string[]): number {
  const normalized = normalizeAnswer(answer);
  return references.some((reference) => normalizeAnswer(reference) === normalized) ? 1 : 0;
}

function tokenF1(answer: string, reference: string): number {
  const predicted = normalizeAnswer(answer).split(' ').filter(Boolean);
  const truth = normalizeAnswer(reference).split(' ').filter(Boolean);
  if (predicted.length === 0 || truth.length === 0) return predicted.length === truth.length ? 1 : 0;
  const counts = new Map<string, number>();
  for (const token of truth) counts.set(token, (counts.get(token) ?? 0) + 1);
  let common = 0;
  for (const token of predicted) {
    const left = counts.get(token) ?? 0;
    if (left > 0) {
      common += 1;
      counts.set(token, left - 1);
    }
  }
  if (common === 0) return 0;
  const precision = common / predicted.length;
  const recall = common / truth.length;
  return (2 * precision * recall) / (precision + recall);
}

export function f1Score(answer: string, references: readonly string[]): number {
  return Math.max(0, ...references.map((reference) => tokenF1(answer, reference)));
}

const LETTERS = 'ABCDEFGHIJ';

/** The option letter an answer picks: "(B)", "answer is C", "D." at the start, or a lone letter. */
export function extractChoice(answer: string, optionCount = 10): string | undefined {
  const letters = LETTERS.slice(0, Math.max(1, Math.min(optionCount, LETTERS.length)));
  const range = `[${letters}]`;
  const patterns = [
    new RegExp(`answer\\s*(?:is|:)?\\s*[:\\s]*\\(?(${range})\\)?(?![a-z])`, 'i'),
    new RegExp(`\\((${range})\\)`),
    // Not a bare leading letter followed by a space: "I think…" is a pronoun, not option I.
    new RegExp(`^\\s*(${range})(?:[.):]|\\s*$)`),
    new RegExp(`(?:^|\\s)(${range})\\s*$`),
  ];
  for (const pattern of patterns) {
    const match = pattern.exec(answer);
    if (match?.[1]) return match[1].toUpperCase();
  }
  return undefined;
}

/** The reference as a letter: a letter itself, or the text of one of the choices. */
export function choiceLetter(reference: string, choices: readonly string[] | undefined): string | undefined {
  const trimmed = reference.trim();
  if (/^[A-Ja-j]$/.test(trimmed)) return trimmed.toUpperCase();
  const index = choices?.findIndex((choice) => normalizeAnswer(choice) === normalizeAnswer(trimmed)) ?? -1;
  return index >= 0 ? LETTERS[index] : undefined;
}

export function choiceScore(answer: string, reference: string, choices?: readonly string[]): number {
  const expected = choiceLetter(reference, choices);
  const picked = extractChoice(answer, choices?.length ?? 10);
  return expected !== undefined && picked === expected ? 1 : 0;
}

const NUMBER = /-?\d[\d,]*(?:\.\d+)?(?:e[+-]?\d+)?|-?\.\d+/gi;

/** The final number of an answer ("#### 42", "= $1,200.50" → 1200.5), as GSM8K-style grading reads it. */
export function extractNumber(text: string): number | undefined {
  const marked = /####\s*(.+)$/m.exec(text)?.[1] ?? text;
  const matches = marked.match(NUMBER);
  const last = matches?.[matches.length - 1];
  if (last === undefined) return undefined;
  const value = Number(last.replace(/,/g, ''));
  return Number.isFinite(value) ? value : undefined;
}

export function numericScore(answer: string, reference: string | number): number {
  const expected = typeof reference === 'number' ? reference : extractNumber(reference);
  const actual = extractNumber(answer);
  if (expected === undefined || actual === undefined) return 0;
  return Math.abs(actual - expected) <= 1e-9 * Math.max(1, Math.abs(expected)) ? 1 : 0;
}

export interface ScoredQuestion {
  answer: string | number | Array<string | number>;
  choices?: string[];
}

/** The metric `auto` picks: choice with choices, numeric for a numeric reference, else F1. */
export function autoMetric(question: ScoredQuestion): Metric {
  if (question.choices && question.choices.length > 0) return 'choice';
  const first = Array.isArray(question.answer) ? question.answer[0] : question.answer;
  if (typeof first === 'number' || (typeof first === 'string' && /^\s*-?[\d,]*\.?\d+\s*$/.test(first)))
    return 'numeric';
  return 'f1';
}

export function scoreAnswer(metric: Metric, answer: string, question: ScoredQuestion): number {
  const references = (Array.isArray(question.answer) ? question.answer : [question.answer]).map(String);
  switch (metric) {
    case 'exact':
      return exactMatch(answer, references);
    case 'f1':
      return f1Score(answer, references);
    case 'choice':
      return Math.max(0, ...references.map((reference) => choiceScore(answer, reference, question.choices)));
    case 'numeric':
      return Math.max(0, ...references.map((reference) => numericScore(answer, reference)));
  }
}
