import { createParser } from 'eventsource-parser';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SseEventParser } from './sse-event-parser';
import { Utf8ChunkDecoder } from './utf8-chunk-decoder';

type Dispatched = [data: string, event: string | undefined];

/** Line contents that exercise every branch: fields with and without the space, bare names, comments. */
const value = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 8 }),
  fc.constantFrom('', ' ', ':', ' x', '{"a":"é😀中"}', '[DONE]', 'a:b', '😀'),
);
const line = fc.oneof(
  { weight: 6, arbitrary: value.map((text) => `data: ${text}`) },
  { weight: 2, arbitrary: value.map((text) => `data:${text}`) },
  { weight: 2, arbitrary: value.map((text) => `event: ${text}`) },
  { weight: 1, arbitrary: value.map((text) => `event:${text}`) },
  { weight: 2, arbitrary: value.map((text) => `:${text}`) },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      'data',
      'event',
      'id: 7',
      'id:',
      'retry: 10',
      'retry: x',
      'data :x',
      'Data: x',
    ),
  },
  { weight: 1, arbitrary: value },
  { weight: 5, arbitrary: fc.constant('') },
);
const newline = fc.constantFrom('\n', '\r', '\r\n');
const stream = fc.record({
  start: fc.constantFrom('', '', '\uFEFF', '\u00ef\u00bb\u00bf', '\uFEFF\uFEFF'),
  lines: fc.array(fc.tuple(line, newline), { maxLength: 30 }),
  // An unterminated last line or event: neither parser may dispatch it.
  tail: fc.constantFrom('', 'data: cut', 'data: x\n', '\r', 'data: y\n\r', '\n'),
});

function text({ start, lines, tail }: { start: string; lines: Array<[string, string]>; tail: string }) {
  return start + lines.map(([content, end]) => content + end).join('') + tail;
}

function byteChunks(bytes: Uint8Array, cuts: number[]): Uint8Array[] {
  const offsets = [...new Set(cuts.map((cut) => cut % (bytes.length + 1))), bytes.length].sort(
    (left, right) => left - right,
  );
  return offsets.map((end, index) => bytes.subarray(index === 0 ? 0 : offsets[index - 1], end));
}

/** The stream reader's old path: a TextDecoder in stream mode, every decoded chunk fed, then the tail. */
function decodedChunks(bytes: Uint8Array, cuts: number[]): string[] {
  const decoder = new TextDecoder();
  const chunks = byteChunks(bytes, cuts).map((chunk) => decoder.decode(chunk, { stream: true }));
  const tail = decoder.decode();
  return tail.length > 0 ? [...chunks, tail] : chunks;
}

/** The stream reader's new path: Utf8ChunkDecoder, then the tail. */
function ourDecodedChunks(bytes: Uint8Array, cuts: number[]): string[] {
  const decoder = new Utf8ChunkDecoder();
  const chunks = byteChunks(bytes, cuts).map((chunk) => decoder.decode(chunk));
  const tail = decoder.end();
  return tail.length > 0 ? [...chunks, tail] : chunks;
}

function ours(chunks: string[]): Dispatched[] {
  const events: Dispatched[] = [];
  const parser = new SseEventParser((data, event) => events.push([data, event]));
  for (const chunk of chunks) parser.feed(chunk);
  return events;
}

function reference(chunks: string[]): Dispatched[] {
  const events: Dispatched[] = [];
  const parser = createParser({ onEvent: ({ data, event }) => events.push([data, event]) });
  for (const chunk of chunks) parser.feed(chunk);
  return events;
}

const cuts = fc.array(fc.nat(), { maxLength: 24 });

describe('SseEventParser', () => {
  it('decodes and dispatches like TextDecoder + eventsource-parser for any stream cut at any byte (property)', () => {
    fc.assert(
      fc.property(stream, cuts, (generated, offsets) => {
        const bytes = new TextEncoder().encode(text(generated));
        expect(ours(ourDecodedChunks(bytes, offsets))).toEqual(reference(decodedChunks(bytes, offsets)));
      }),
      { numRuns: 500 },
    );
  });

  it('dispatches the same events as eventsource-parser for any text cut at any character (property)', () => {
    fc.assert(
      fc.property(stream, cuts, (generated, offsets) => {
        const source = text(generated);
        const positions = [...new Set(offsets.map((cut) => cut % (source.length + 1)))].sort(
          (left, right) => left - right,
        );
        const chunks = [...positions, source.length].map((end, index) =>
          source.slice(index === 0 ? 0 : positions[index - 1], end),
        );
        expect(ours(chunks)).toEqual(reference(chunks));
      }),
      { numRuns: 300 },
    );
  });

  it('reads the framings servers send', () => {
    expect(ours(['data: {"a":1}\n\n'])).toEqual([['{"a":1}', undefined]]);
    expect(ours(['event: ping\r\ndata:x\r\n', '\r', '\n'])).toEqual([['x', 'ping']]);
    expect(ours(['data: a\rdata: b\r\r: keep-alive\n\ndata: c\n\n'])).toEqual([
      ['a\nb', undefined],
      ['c', undefined],
    ]);
    // UTF-8 BOM bytes are removed by the decoder, the split character is joined by it.
    const bytes = new TextEncoder().encode('\uFEFFdata: é😀\n\n');
    expect(ours(ourDecodedChunks(bytes, [1, 2, 10, 12]))).toEqual([['é😀', undefined]]);
    // What EOF cuts off (an event without its blank line, a half line) is never dispatched.
    expect(ours(['data: done\n\ndata: cut\n'])).toEqual([['done', undefined]]);
    expect(ours(['data: done\n\ndata: cu'])).toEqual([['done', undefined]]);
  });
});
