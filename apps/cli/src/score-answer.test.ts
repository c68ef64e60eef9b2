import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseJudgeScore } from './judge-answer';
import {
  autoMetric,
  choiceScore,
  exactMatch,
  extractChoice,
  extractNumber,
  f1Score,
  normalizeAnswer,
  numericScore,
  scoreAnswer,
} from './score-answer';

const RUNS = { numRuns: 200 };
const word = fc.stringMatching(/^[a-z]{1,8}$/).filter((text) => !['a', 'an', 'the'].includes(text));

describe('answer scoring', () => {
  it('normalizes idempotently, ignoring case, punctuation and articles', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        expect(normalizeAnswer(normalizeAnswer(text))).toBe(normalizeAnswer(text));
      }),
      RUNS,
    );
    expect(normalizeAnswer('The  Eiffel Tower!')).toBe('eiffel tower');
  });

  it('exact match and F1 give 1 for the reference itself and stay in [0, 1]', () => {
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 6 }), fc.string(), (words, other) => {
        const reference = words.join(' ');
        expect(exactMatch(`  ${reference.toUpperCase()}.`, [reference])).toBe(1);
        expect(f1Score(reference, [reference])).toBe(1);
        const score = f1Score(other, [reference]);
        expect(score).toBeGreaterThanOrEqual(0);
        expect(score).toBeLessThanOrEqual(1);
      }),
      RUNS,
    );
    expect(f1Score('Paris is the capital', ['Paris'])).toBeCloseTo(0.5);
  });

  it('reads the final number however it is written', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1_000_000, max: 1_000_000 }),
        fc.constantFrom('#### ', 'The answer is ', '= $', ''),
        (value, lead) => {
          const written = Math.abs(value) >= 1000 ? value.toLocaleString('en-US') : String(value);
          expect(extractNumber(`Working: 1 + 2 = 3.\n${lead}${written}`)).toBe(value);
          expect(numericScore(`${lead}${written}`, String(value))).toBe(1);
          expect(numericScore(`${lead}${written}`, value + 1)).toBe(0);
        },
      ),
      RUNS,
    );
  });

  it('reads the chosen letter from the usual answer shapes', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...'ABCD'),
        fc.constantFrom('The answer is (X)', 'X. because', '(X)', 'Answer: X', 'I pick X'),
        (letter, shape) => {
          const answer = shape.replace('X', letter);
          expect(extractChoice(answer, 4)).toBe(letter);
          expect(choiceScore(answer, letter.toLowerCase())).toBe(1);
        },
      ),
      RUNS,
    );
    expect(choiceScore('The answer is (B)', 'Mars', ['Venus', 'Mars'])).toBe(1);
    expect(extractChoice('no idea')).toBeUndefined();
  });

  it('picks the metric from the reference', () => {
    expect(autoMetric({ answer: 'B', choices: ['x', 'y'] })).toBe('choice');
    expect(autoMetric({ answer: 42 })).toBe('numeric');
    expect(autoMetric({ answer: '1,200' })).toBe('numeric');
    expect(autoMetric({ answer: 'Paris' })).toBe('f1');
    expect(scoreAnswer('exact', 'paris', { answer: ['Lyon', 'Paris'] })).toBe(1);
  });

  it('reads a judge score in [0, 1] or gives up', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, noNaN: true }), (value) => {
        const text = value.toFixed(2);
        expect(parseJudgeScore(`SCORE: ${text}`)).toBeCloseTo(Number(text));
      }),
      RUNS,
    );
    expect(parseJudgeScore('CORRECT')).toBe(1);
    expect(parseJudgeScore('That is incorrect.')).toBe(0);
    expect(parseJudgeScore('8')).toBe(0.8);
    expect(parseJudgeScore('hmm')).toBeUndefined();
  });
});
