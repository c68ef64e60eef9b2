import type { ChatModelV1 } from '@llmrouter/core';
import type { Question } from './question-set';

export function judgePrompt(question: Question, answer: string): string {
  const references = (Array.isArray(question.answer) ? question.answer : [question.answer])
    .map(String)
    .join(' | ');
  return [
    'You grade answers. Compare the candidate answer with the reference answer for the question.',
    `Question: ${question.question}`,
    `Reference answer: ${references}`,
    `Candidate answer: ${answer}`,
    'Reply with only a score from 0 to 1 (1 = fully correct, 0 = wrong), for example "SCORE: 0.5".',
  ].join('\n');
}

/** Reads a judge's reply: "SCORE: 0.7", a bare number, or CORRECT / INCORRECT. Undefined when unreadable. */
export function parseJudgeScore(reply: string): number | undefined {
  const scored = /score\s*[:=]?\s*(\d+(?:\.\d+)?)/i.exec(reply) ?? /^\s*(\d+(?:\.\d+)?)\s*$/m.exec(reply);
  if (scored?.[1] !== undefined) {
    const value = Number(scored[1]);
    if (value >= 0 && value <= 1) return value;
    if (value > 1 && value <= 10) return value / 10;
    return undefined;
  }
  if (/\bincorrect\b|\bwrong\b/i.test(reply)) return 0;
  if (/\bcorrect\b/i.test(reply)) return 1;
  return undefined;
}

export async function judgeAnswer(
  judge: ChatModelV1,
  question: Question,
  answer: string,
  signal: AbortSignal,
): Promise<number> {
  const result = await judge.generate(
    {
      messages: [{ role: 'user', content: [{ type: 'text', text: judgePrompt(question, answer) }] }],
      maxTokens: 16,
      temperature: 0,
    },
    { signal },
  );
  return parseJudgeScore(result.text) ?? 0;
}
