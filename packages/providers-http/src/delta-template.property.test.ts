import { LLMRouterError } from '@llmrouter/errors';
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AnthropicStreamAssembler } from './anthropic-stream-assembler';
import { OpenAIStreamAssembler } from './openai-stream-assembler';
import type { StreamAssembler } from './sse-part-stream';

const context = { provider: 'test', displayName: 'Test', modelId: 'm' };

/** An object whose keys may repeat, serialised in the order given. */
class Entries {
  constructor(readonly entries: Array<[string, unknown]>) {}
}

/** JSON the way servers write it: compact (Node, Go) or with spaces and \u escapes (Python json.dumps). */
function dump(value: unknown, spaced: boolean, ascii: boolean): string {
  const [comma, colon] = spaced ? [', ', ': '] : [',', ':'];
  if (value instanceof Entries) {
    return `{${value.entries.map(([key, item]) => dump(key, spaced, ascii) + colon + dump(item, spaced, ascii)).join(comma)}}`;
  }
  if (Array.isArray(value)) return `[${value.map((item) => dump(item, spaced, ascii)).join(comma)}]`;
  if (typeof value === 'object' && value !== null) {
    return dump(new Entries(Object.entries(value).filter(([, item]) => item !== undefined)), spaced, ascii);
  }
  const json = JSON.stringify(value);
  return ascii
    ? json.replace(/[^\x20-\x7e]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`)
    : json;
}

const text = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 6 }),
  fc.constantFrom('', '"', '\\', '\n', '\u0000', '\u0001', 'é😀', '","content":"x', 'a'),
);
/** Present in about one of eight values. */
const rare = <T>(value: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> =>
  fc.oneof({ weight: 7, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: value });
const chunk = fc.record({
  text,
  id: fc.constantFrom('c1', 'c1', 'c1', 'c2', ''),
  finish: rare(fc.constantFrom(null, 'stop', 'length', 'tool_calls')),
  usage: rare(
    fc.constantFrom(
      null,
      { prompt_tokens: 1, completion_tokens: 2 },
      { prompt_tokens: 1, completion_tokens: 3 },
    ),
  ),
  reasoning: rare(fc.constantFrom(null, '', 'think')),
  tool: rare(fc.constantFrom('get_weather')),
  error: rare(fc.constantFrom(null, { message: 'overloaded', type: 'server_error' })),
  secondChoice: rare(fc.constant(true)),
  otherContent: rare(fc.constantFrom('before', 'after')),
  duplicateContent: rare(fc.constant(true)),
  role: rare(fc.constant('assistant')),
  cut: rare(fc.nat()),
  done: rare(fc.constant(true)),
  errorEvent: rare(fc.constant(true)),
  // OpenAI's padding: a string of random length on every chunk, or none (include_obfuscation: false).
  // Where the padding goes: last, as OpenAI sends it, or before the fields that may follow the choices.
  obfuscationEarly: fc.boolean(),
  obfuscation: fc.option(
    fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('"', '\\', '","content":"x')),
  ),
});
type Chunk = typeof chunk extends fc.Arbitrary<infer T> ? T : never;

function payload(item: Chunk, style: { spaced: boolean; ascii: boolean; fingerprint: boolean }): string {
  if (item.done) return '[DONE]';
  const delta = new Entries([
    ...(item.role ? ([['role', item.role]] as Array<[string, unknown]>) : []),
    ...(item.duplicateContent ? ([['content', 'first']] as Array<[string, unknown]>) : []),
    ['content', item.text],
    ...(item.reasoning !== undefined
      ? ([['reasoning_content', item.reasoning]] as Array<[string, unknown]>)
      : []),
    ...(item.tool
      ? ([
          ['tool_calls', [{ index: 0, id: 'call_1', function: { name: item.tool, arguments: '{}' } }]],
        ] as Array<[string, unknown]>)
      : []),
  ]);
  const choice = { index: 0, delta, logprobs: null, finish_reason: item.finish ?? null };
  const document = new Entries([
    ...(item.otherContent === 'before' ? ([['message', { content: 'x' }]] as Array<[string, unknown]>) : []),
    ['id', item.id],
    ['object', 'chat.completion.chunk'],
    ['created', 1_700_000_000],
    ['model', 'm1'],
    ...(style.fingerprint ? ([['system_fingerprint', 'fp_1']] as Array<[string, unknown]>) : []),
    [
      'choices',
      item.secondChoice ? [choice, { index: 1, delta: { content: 'other' }, finish_reason: null }] : [choice],
    ],
    ...(item.obfuscation !== null && item.obfuscationEarly
      ? ([['obfuscation', item.obfuscation]] as Array<[string, unknown]>)
      : []),
    ...(item.usage !== undefined ? ([['usage', item.usage]] as Array<[string, unknown]>) : []),
    ...(item.error !== undefined ? ([['error', item.error]] as Array<[string, unknown]>) : []),
    ...(item.otherContent === 'after' ? ([['message', { content: 'x' }]] as Array<[string, unknown]>) : []),
    ...(item.obfuscation !== null && !item.obfuscationEarly
      ? ([['obfuscation', item.obfuscation]] as Array<[string, unknown]>)
      : []),
  ]);
  const json = dump(document, style.spaced, style.ascii);
  return item.cut === undefined ? json : json.slice(0, item.cut % json.length);
}

/** What one assembler made of the payloads: each push's parts or error code, then its end state. */
function run(
  payloads: Array<[string, string | undefined]>,
  assembler: StreamAssembler = new OpenAIStreamAssembler(context),
): unknown[] {
  const steps: unknown[] = [];
  for (const [data, event] of payloads) {
    try {
      steps.push(assembler.push(data, event));
    } catch (error) {
      steps.push(LLMRouterError.is(error) ? error.code : error);
      return steps;
    }
  }
  steps.push(assembler.complete, assembler.finishReason(), assembler.finishUsage(), assembler.metadata());
  return steps;
}

/**
 * The same payloads behind leading whitespace of a different length each: the same JSON, yet none fits a
 * template learnt from another, so an assembler parses every one whole. The reference for the template path.
 */
function parsedWhole<E>(payloads: Array<[string, E]>): Array<[string, E]> {
  return payloads.map(([data, event], index) => [
    data === '[DONE]' ? data : ' '.repeat(index + 1) + data,
    event,
  ]);
}

describe('OpenAIStreamAssembler delta template', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('gives exactly what parsing every chunk whole gives (property)', () => {
    const style = fc.record({ spaced: fc.boolean(), ascii: fc.boolean(), fingerprint: fc.boolean() });
    fc.assert(
      fc.property(fc.array(chunk, { maxLength: 24 }), style, (chunks, format) => {
        const payloads = chunks.map((item): [string, string | undefined] => [
          payload(item, format),
          item.errorEvent ? 'error' : undefined,
        ]);
        const steps = run(payloads);
        const reference = run(parsedWhole(payloads));
        // Errors are compared by code: their messages quote the payload.
        expect(steps).toEqual(reference);
      }),
      { numRuns: 400 },
    );
  });

  it('never takes a chunk that sets usage as a template', () => {
    const chunkWith = (delta: Record<string, unknown>, completionTokens: number) =>
      JSON.stringify({
        id: 'c1',
        choices: [{ index: 0, delta, finish_reason: null }],
        usage: { prompt_tokens: 1, completion_tokens: completionTokens },
      });
    // The tool call chunk between sets other usage and is not a template candidate itself.
    const toolCall = { tool_calls: [{ index: 0, id: 'call_1', function: { name: 'f', arguments: '{}' } }] };
    const payloads: Array<[string, undefined]> = [
      [chunkWith({ content: 'a' }, 1), undefined],
      [chunkWith({ content: 'b' }, 1), undefined],
      [chunkWith({ content: 'c' }, 1), undefined],
      [chunkWith(toolCall, 2), undefined],
      [chunkWith({ content: 'd' }, 1), undefined],
    ];
    expect(run(payloads)).toEqual(run(parsedWhole(payloads)));
  });

  it('still compares what follows the padding: a chunk that sets usage after it is parsed whole', () => {
    const chunkWith = (content: string, padding: string, usage: unknown) =>
      JSON.stringify({
        id: 'c1',
        choices: [{ index: 0, delta: { content }, finish_reason: null }],
        obfuscation: padding,
        usage,
      });
    const payloads: Array<[string, undefined]> = [
      [chunkWith('a', 'x', null), undefined],
      [chunkWith('b', 'yy', null), undefined],
      [chunkWith('c', 'zzz', null), undefined],
      [chunkWith('d', 'w', { prompt_tokens: 1, completion_tokens: 4 }), undefined],
    ];
    expect(run(payloads)).toEqual(run(parsedWhole(payloads)));
  });

  // OpenAI pads every chunk with random text unless stream_options.include_obfuscation is false.
  it.each([
    ['without padding', undefined],
    [
      "with OpenAI's random obfuscation padding",
      ['kX9', '', 'a"b\\c', 'qwertyuiopas', 'Z', '","content":"no', 'q'],
    ],
  ])('parses only the delta text once chunks repeat their shape, %s', (_name, paddings) => {
    const parse = vi.spyOn(JSON, 'parse');
    const assembler = new OpenAIStreamAssembler(context);
    const texts = ['Hel', 'lo', ' "wor', 'ld"', '\\', ' é😀', ''];
    const parts = texts.flatMap((value, index) =>
      assembler.push(
        JSON.stringify({
          id: 'c1',
          model: 'm1',
          choices: [{ index: 0, delta: { content: value }, logprobs: null, finish_reason: null }],
          obfuscation: paddings?.[index],
        }),
      ),
    );
    expect(parts).toEqual(
      texts.filter((value) => value.length > 0).map((value) => ({ type: 'text-delta', text: value })),
    );
    // Two whole chunks, two probes, then only the strings, whatever the padding.
    expect(parse.mock.calls.filter(([source]) => String(source).startsWith('{')).length).toBe(4);
    expect(assembler.metadata()).toEqual({ requestId: 'c1', responseModel: 'm1' });
  });
});

/** Anthropic events; text and thinking deltas the most common, as in a real answer. */
const anthropicEvent = fc.oneof(
  {
    weight: 8,
    arbitrary: fc
      .record({
        index: fc.constantFrom(0, 0, 1),
        text,
        duplicate: rare(fc.constant(true)),
        // Which delta, and now and then a field named for the other kind.
        kind: fc.constantFrom('text', 'text', 'thinking'),
        crossed: rare(fc.constant(true)),
      })
      .map(({ index, text: value, duplicate, kind, crossed }) => {
        const field = crossed ? (kind === 'text' ? 'thinking' : 'text') : kind;
        return new Entries([
          ['type', 'content_block_delta'],
          ['index', index],
          [
            'delta',
            new Entries([
              ['type', `${kind}_delta`],
              ...(duplicate ? ([[field, 'first']] as Array<[string, unknown]>) : []),
              [field, value],
            ]),
          ],
        ]);
      }),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      {
        type: 'content_block_start',
        index: 1,
        content_block: { type: 'tool_use', id: 't1', name: 'f', input: {} },
      },
      { type: 'content_block_start', index: 0, content_block: { type: 'text', text: 'x' } },
      { type: 'content_block_delta', index: 1, delta: { type: 'input_json_delta', partial_json: '{"a":' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'thinking_delta', thinking: 'hm' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'text_delta' } },
      {
        type: 'content_block_delta',
        index: 0,
        delta: { type: 'text_delta', text: 'a' },
        usage: { output_tokens: 9 },
      },
      { type: 'content_block_stop', index: 1 },
      { type: 'message_delta', delta: { stop_reason: 'end_turn' }, usage: { output_tokens: 4 } },
      { type: 'message_start', message: { id: 'msg_1', model: 'claude', usage: { input_tokens: 3 } } },
      { type: 'ping' },
      { type: 'message_stop' },
      { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } },
    ),
  },
);

describe('AnthropicStreamAssembler delta template', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('gives exactly what parsing every event whole gives (property)', () => {
    const style = fc.record({ spaced: fc.boolean(), ascii: fc.boolean() });
    fc.assert(
      fc.property(
        fc.array(fc.tuple(anthropicEvent, rare(fc.nat())), { maxLength: 24 }),
        style,
        (events, format) => {
          const payloads = events.map(([event, cut]): [string, undefined] => {
            const json = dump(event, format.spaced, format.ascii);
            return [cut === undefined ? json : json.slice(0, cut % json.length), undefined];
          });
          expect(run(payloads, new AnthropicStreamAssembler(context))).toEqual(
            run(parsedWhole(payloads), new AnthropicStreamAssembler(context)),
          );
        },
      ),
      { numRuns: 400 },
    );
  });

  it('parses only the delta text of thinking deltas too, once they repeat their shape', () => {
    const parse = vi.spyOn(JSON, 'parse');
    const assembler = new AnthropicStreamAssembler(context);
    const thoughts = ['Let', ' me', ' "think"', '\\', ' é😀'];
    const parts = thoughts.flatMap((thinking) =>
      assembler.push(
        JSON.stringify({
          type: 'content_block_delta',
          index: 0,
          delta: { type: 'thinking_delta', thinking },
        }),
      ),
    );
    expect(parts).toEqual(thoughts.map((value) => ({ type: 'reasoning-delta', text: value })));
    // Two whole events, two probes, then only the strings.
    expect(parse.mock.calls.filter(([source]) => String(source).startsWith('{')).length).toBe(4);
  });
});
