import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PROMPT_FAMILIES, promptFamily } from './prompt-family';

describe('promptFamily', () => {
  it('tells the benchmark shapes apart from the prompt text alone', () => {
    const cases: Array<[string, string]> = [
      ['\ndef add(a, b):\n    """Add two numbers.\n    >>> add(1, 2)\n    3\n    """\n', 'code-stub'],
      ['Write a python function to reverse a list.', 'code-request'],
      [
        'Q: There are 3 houses in a row, numbered 1 on the left to 3 on the right. Who owns the cat?',
        'logic-grid-puzzle',
      ],
      [
        'Ann has 3 apples and buys 4 more. How many does she have?\nAfter careful thought, put you final answer in \\boxed{...}.',
        'boxed-word-problem',
      ],
      [
        'A 34-year-old woman comes to the physician because of a cough. Which is the most likely diagnosis?',
        'clinical-vignette',
      ],
      ['What is $\\frac{1}{2} + \\frac{1}{3}$?', 'latex-maths'],
      ['dog, frisbee, catch, throw, park', 'word-list'],
      ['who wrote the book uncle toms cabin', 'lowercase-query'],
      ['Which of the following is a prime number?', 'exam-question'],
      [
        `Tom walked to school. ${'The morning was bright and the road was quiet. '.repeat(14)}Why?`,
        'reading',
      ],
      [
        'Cory bought a patio table and 4 chairs for 135 dollars. The patio table cost 55 dollars. If each chair cost the same amount, how much did each chair cost?',
        'word-problem',
      ],
      ['Which painter of the Dutch golden age painted The Night Watch?', 'short-question'],
      [
        'After the long winter the farmers in the valley finally planted their crops, and what did they hope for?',
        'question',
      ],
      ['A lack of water has a direct connection on the amount of available', 'completion'],
    ];
    for (const [prompt, family] of cases) expect([prompt, promptFamily(prompt)]).toEqual([prompt, family]);
  });

  it('does not take money or a year for maths', () => {
    expect(
      promptFamily('A book costs $12 and a pen $3. How much do both cost together, in dollars?'),
    ).not.toBe('latex-maths');
    expect(
      promptFamily(
        'In 1969 which American astronaut, born in a small town in Ohio, walked on the moon only a few hours after the landing there?',
      ),
    ).not.toBe('word-problem');
  });

  it('always names one of PROMPT_FAMILIES, for any text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 800 }), (text) => {
        expect(PROMPT_FAMILIES).toContain(promptFamily(text));
      }),
      { numRuns: 200 },
    );
  });
});
