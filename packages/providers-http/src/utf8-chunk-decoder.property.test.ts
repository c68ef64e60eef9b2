import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Utf8ChunkDecoder } from './utf8-chunk-decoder';

const encoder = new TextEncoder();
/** Valid text, raw bytes (invalid sequences, lone leads and continuations), BOMs and edge code points. */
const piece = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 6 }).map((text) => encoder.encode(text)),
  fc.uint8Array({ maxLength: 6 }),
  fc.uint8Array({ min: 0x80, max: 0xff, maxLength: 4 }),
  fc
    .constantFrom(
      [0xef, 0xbb, 0xbf],
      [0xe0, 0x80],
      [0xe0, 0xa0],
      [0xed, 0xa0, 0x80],
      [0xed, 0x9f, 0xbf],
      [0xf0, 0x8f],
      [0xf0, 0x90, 0x80],
      [0xf4, 0x90],
      [0xf4, 0x8f, 0xbf],
      [0xc0, 0xaf],
      [0xc2],
      [0xf5, 0x80],
    )
    .map((bytes) => Uint8Array.from(bytes)),
);
const stream = fc.array(piece, { maxLength: 12 }).map((pieces) => {
  const bytes = new Uint8Array(pieces.reduce((total, item) => total + item.length, 0));
  let offset = 0;
  for (const item of pieces) {
    bytes.set(item, offset);
    offset += item.length;
  }
  return bytes;
});

function chunks(bytes: Uint8Array, cuts: number[]): Uint8Array[] {
  const offsets = [...new Set(cuts.map((cut) => cut % (bytes.length + 1))), bytes.length].sort(
    (left, right) => left - right,
  );
  return offsets.map((end, index) => bytes.subarray(index === 0 ? 0 : offsets[index - 1], end));
}

describe('Utf8ChunkDecoder', () => {
  it('gives per chunk what a TextDecoder in stream mode gives (property)', () => {
    fc.assert(
      fc.property(stream, fc.array(fc.nat(), { maxLength: 16 }), (bytes, cuts) => {
        const reference = new TextDecoder();
        const ours = new Utf8ChunkDecoder();
        const pieces = chunks(bytes, cuts);
        const want = [...pieces.map((item) => reference.decode(item, { stream: true })), reference.decode()];
        const got = [...pieces.map((item) => ours.decode(item)), ours.end()];
        expect(got).toEqual(want);
      }),
      { numRuns: 1000 },
    );
  });

  it('drops a BOM at the start of the stream only, even split', () => {
    const decoder = new Utf8ChunkDecoder();
    const bom = [0xef, 0xbb, 0xbf];
    expect(decoder.decode(Uint8Array.from([bom[0] as number]))).toBe('');
    expect(decoder.decode(Uint8Array.from([...bom.slice(1), 0x61, ...bom]))).toBe('a\uFEFF');
    expect(decoder.end()).toBe('');
  });
});
