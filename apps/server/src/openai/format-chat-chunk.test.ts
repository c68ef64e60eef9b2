import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ChunkWriter } from './format-chat-chunk';

describe('ChunkWriter', () => {
  it('writes a text delta exactly as the general delta writer does, for any text (property)', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 40 }),
        fc.string({ maxLength: 20 }),
        fc.string({ unit: 'binary', maxLength: 40 }),
        (text, model, id) => {
          const writer = new ChunkWriter(id, model);
          expect(writer.content(text)).toBe(writer.delta({ content: text }));
          expect(JSON.parse(writer.content(text)).choices[0].delta.content).toBe(text);
        },
      ),
      { numRuns: 300 },
    );
  });
});
