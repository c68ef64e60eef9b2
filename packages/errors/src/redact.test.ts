import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mayHoldShape, redactText, SHAPES } from './redact';

const matchesAShape = (text: string) =>
  SHAPES.some((shape) => {
    // The shapes are global regexes: `test` would move their lastIndex.
    const fresh = new RegExp(shape.source, shape.flags);
    return fresh.test(text);
  });

// Characters the shapes care about, so that generated text actually hits them often.
const pieces = fc.constantFrom(
  'Bearer ',
  'Basic ',
  'AKIA',
  'ASIA',
  'ABSK',
  'eyJ',
  'sk-',
  'sk-ant-',
  'nvapi-',
  'gsk_',
  'hf_',
  'ghp_',
  'xoxb-',
  'api_key=',
  'apiKey: ',
  'token=',
  'password=',
  'Authorization: ',
  '"secret_access_key": "',
  '.',
  '-',
  '_',
  '/',
  '+',
  '=',
  ' ',
  'A',
  'z',
  '7',
  'Q',
  'abcdefgh',
  'ABCDEFGH',
  '01234567',
  'aB3dE6gH9jK2',
);
const text = fc.array(pieces, { maxLength: 40 }).map((parts) => parts.join(''));

describe('the shape pre-check', () => {
  it('is true for every text that one of the shapes matches (never skips a secret)', () => {
    fc.assert(
      fc.property(fc.oneof(text, fc.string({ maxLength: 120 })), (value) => {
        if (matchesAShape(value)) expect(mayHoldShape(value)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('is false for the fields of an ordinary log line, which then skip the replacing passes', () => {
    for (const value of [
      '6f1c2a4e-8b3d-4f5a-9c7e-1d2b3c4d5e6f',
      '2026-11-23T11:00:00.000Z',
      '/v1/chat/completions',
      'requested by name',
      'openai-compatible',
    ]) {
      expect(mayHoldShape(value)).toBe(false);
      expect(redactText(value)).toBe(value);
    }
  });
});
