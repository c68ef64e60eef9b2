import type { StreamPartV1 } from '@llmrouter/core';
import { collectStream } from '@llmrouter/core/testing';
import { LLMRouterError } from '@llmrouter/errors';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AnthropicStreamAssembler } from './anthropic-stream-assembler';
import { CallScope } from './call-scope';
import { OpenAIStreamAssembler } from './openai-stream-assembler';
import { type StreamAssembler, ssePartStream } from './sse-part-stream';

/** What a stream should reassemble to: text in order, and tool calls with their argument fragments. */
type Piece = { kind: 'text'; text: string } | { kind: 'tool'; name: string; fragments: string[] };

const context = { provider: 'test', displayName: 'Test', modelId: 'm' };
const text = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 });
const piece: fc.Arbitrary<Piece> = fc.oneof(
  text.map((value) => ({ kind: 'text' as const, text: value })),
  fc.record({
    kind: fc.constant('tool' as const),
    name: fc.stringMatching(/^[a-z_]{1,10}$/),
    fragments: fc.array(text, { minLength: 1, maxLength: 4 }),
  }),
);
/** One SSE framing choice per stream: LF or CRLF line ends, with or without keep-alive comments. */
const framing = fc.record({ newline: fc.constantFrom('\n', '\r\n'), comments: fc.boolean() });

function expected(pieces: Piece[]) {
  let toolIndex = 0;
  return {
    text: pieces.map((item) => (item.kind === 'text' ? item.text : '')).join(''),
    toolCalls: pieces
      .filter((item) => item.kind === 'tool')
      .map((item) => ({ id: `call_${toolIndex++}`, name: item.name, arguments: item.fragments.join('') })),
  };
}

function frame(events: Array<{ event?: string; data: unknown }>, newline: string, comments: boolean): string {
  return events
    .map(({ event, data }) => {
      const lines = [...(comments ? [': keep-alive'] : []), ...(event ? [`event: ${event}`] : [])];
      lines.push(`data: ${typeof data === 'string' ? data : JSON.stringify(data)}`);
      return `${lines.join(newline)}${newline}${newline}`;
    })
    .join('');
}

function openAIEvents(pieces: Piece[]): Array<{ data: unknown }> {
  const chunk = (delta: unknown, finish: string | null = null) => ({
    data: {
      id: 'c1',
      object: 'chat.completion.chunk',
      choices: [{ index: 0, delta, finish_reason: finish }],
    },
  });
  const events: Array<{ data: unknown }> = [chunk({ role: 'assistant', content: '' })];
  let toolIndex = 0;
  for (const item of pieces) {
    if (item.kind === 'text') {
      events.push(chunk({ content: item.text }));
      continue;
    }
    const index = toolIndex++;
    events.push(
      chunk({
        tool_calls: [
          { index, id: `call_${index}`, type: 'function', function: { name: item.name, arguments: '' } },
        ],
      }),
    );
    for (const fragment of item.fragments)
      events.push(chunk({ tool_calls: [{ index, function: { arguments: fragment } }] }));
  }
  events.push(chunk({}, toolIndex > 0 ? 'tool_calls' : 'stop'));
  events.push({
    data: {
      id: 'c1',
      object: 'chat.completion.chunk',
      choices: [],
      usage: { prompt_tokens: 3, completion_tokens: 5 },
    },
  });
  events.push({ data: '[DONE]' });
  return events;
}

function anthropicEvents(pieces: Piece[]): Array<{ event: string; data: unknown }> {
  const send = (type: string, data: Record<string, unknown> = {}) => ({
    event: type,
    data: { type, ...data },
  });
  const events: Array<{ event: string; data: unknown }> = [
    send('message_start', { message: { id: 'msg_1', usage: { input_tokens: 3, output_tokens: 1 } } }),
  ];
  let toolIndex = 0;
  pieces.forEach((item, block) => {
    if (item.kind === 'text') {
      events.push(send('content_block_start', { index: block, content_block: { type: 'text', text: '' } }));
      events.push(
        send('content_block_delta', { index: block, delta: { type: 'text_delta', text: item.text } }),
      );
    } else {
      const id = `call_${toolIndex++}`;
      events.push(
        send('content_block_start', {
          index: block,
          content_block: { type: 'tool_use', id, name: item.name, input: {} },
        }),
      );
      for (const fragment of item.fragments) {
        events.push(
          send('content_block_delta', {
            index: block,
            delta: { type: 'input_json_delta', partial_json: fragment },
          }),
        );
      }
    }
    events.push(send('content_block_stop', { index: block }));
    events.push(send('ping'));
  });
  events.push(
    send('message_delta', {
      delta: { stop_reason: toolIndex > 0 ? 'tool_use' : 'end_turn' },
      usage: { output_tokens: 5 },
    }),
  );
  events.push(send('message_stop'));
  return events;
}

/** The bytes of `source`, cut at the given offsets: splits may fall inside a UTF-8 character or a CRLF. */
async function* split(source: Uint8Array, cuts: number[]): AsyncGenerator<Uint8Array> {
  const offsets = [...new Set(cuts.map((cut) => cut % (source.length + 1)))].sort(
    (left, right) => left - right,
  );
  let start = 0;
  for (const offset of [...offsets, source.length]) {
    if (offset > start) yield source.subarray(start, offset);
    start = Math.max(start, offset);
  }
}

/** The production stream path (SSE parser, assembler, part iterator) over bytes instead of a socket. */
function parts(chunks: AsyncIterable<Uint8Array>, assembler: StreamAssembler): AsyncIterable<StreamPartV1> {
  return ssePartStream(() => ({
    scope: new CallScope(undefined, 60_000),
    open: async () => ({ body: chunks, context: { ...context, url: 'test:', baseUrl: 'test:' } }),
    assembler,
    kind: 'test',
    modelId: 'm',
    warnings: [],
    expectedEnd: 'the end',
  }));
}

const cuts = fc.array(fc.nat(), { maxLength: 40 });

describe('SSE reassembly at any byte boundary (property)', () => {
  it('OpenAI chunks reassemble to the same text and tool calls', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(piece, { maxLength: 8 }),
        framing,
        cuts,
        async (pieces, { newline, comments }, offsets) => {
          const bytes = new TextEncoder().encode(frame(openAIEvents(pieces), newline, comments));
          const collected = await collectStream(
            parts(split(bytes, offsets), new OpenAIStreamAssembler(context)),
          );
          const want = expected(pieces);
          expect(collected.text).toBe(want.text);
          expect(collected.toolCalls).toEqual(want.toolCalls);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('Anthropic events reassemble to the same text and tool calls', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(piece, { maxLength: 8 }),
        framing,
        cuts,
        async (pieces, { newline, comments }, offsets) => {
          const bytes = new TextEncoder().encode(frame(anthropicEvents(pieces), newline, comments));
          const collected = await collectStream(
            parts(split(bytes, offsets), new AnthropicStreamAssembler(context)),
          );
          const want = expected(pieces);
          expect(collected.text).toBe(want.text);
          expect(collected.toolCalls).toEqual(want.toolCalls);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('a stream cut short is an interruption, never a finish (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(piece, { maxLength: 6 }), fc.nat(), async (pieces, cut) => {
        const events = openAIEvents(pieces);
        // Drop the finish chunk, the usage chunk and [DONE]; keep a prefix of the rest.
        const kept = events.slice(0, 1 + (cut % Math.max(1, events.length - 3)));
        const bytes = new TextEncoder().encode(frame(kept, '\n', false));
        const error = await collectStream(
          parts(split(bytes, [cut]), new OpenAIStreamAssembler(context)),
        ).then(
          () => undefined,
          (caught: unknown) => caught,
        );
        expect(LLMRouterError.hasCode(error, 'provider_stream_interrupted')).toBe(true);
      }),
      { numRuns: 100 },
    );
  });
});
