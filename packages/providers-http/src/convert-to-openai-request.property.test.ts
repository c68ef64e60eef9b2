import type { ChatRequestV1, MessageV1 } from '@llmrouter/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { convertToOpenAIRequest } from './convert-to-openai-request';
import { parseOpenAIRequest } from './testing-servers/parse-openai-request';

const text = fc.string({ unit: 'grapheme', maxLength: 40 });
const identifier = fc.stringMatching(/^[a-z][a-z0-9_]{0,15}$/);
const textPart = text.map((value) => ({ type: 'text' as const, text: value }));
const imagePart = fc.oneof(
  fc.record({
    type: fc.constant('image' as const),
    source: fc.record({
      type: fc.constant('base64' as const),
      mediaType: fc.constantFrom('image/png', 'image/jpeg', 'image/webp'),
      data: fc.base64String({ maxLength: 40 }),
    }),
  }),
  fc.record({
    type: fc.constant('image' as const),
    source: fc.record({ type: fc.constant('url' as const), url: fc.webUrl() }),
  }),
);
const toolCall = fc.record({ id: identifier, name: identifier, arguments: fc.json() });

const message: fc.Arbitrary<MessageV1> = fc.oneof(
  fc.record({ role: fc.constant('system' as const), content: text }),
  fc.record({
    role: fc.constant('user' as const),
    content: fc.array(fc.oneof(textPart, imagePart), { maxLength: 4 }),
  }),
  fc.record(
    {
      role: fc.constant('assistant' as const),
      content: fc.array(textPart, { maxLength: 3 }),
      toolCalls: fc.array(toolCall, { minLength: 1, maxLength: 3 }),
    },
    { requiredKeys: ['role', 'content'] },
  ),
  fc.record({ role: fc.constant('tool' as const), toolCallId: identifier, content: text }),
);

const schema = fc.dictionary(identifier, fc.constantFrom({ type: 'string' }, { type: 'number' }), {
  maxKeys: 3,
});

const request: fc.Arbitrary<ChatRequestV1> = fc.record(
  {
    messages: fc.array(message, { minLength: 1, maxLength: 6 }),
    maxTokens: fc.integer({ min: 1, max: 100_000 }),
    temperature: fc.integer({ min: 0, max: 200 }).map((value) => value / 100),
    topP: fc.integer({ min: 1, max: 100 }).map((value) => value / 100),
    stop: fc.array(text, { minLength: 1, maxLength: 4 }),
    seed: fc.integer(),
    tools: fc.array(
      fc.record(
        {
          name: identifier,
          description: text,
          parameters: schema.map((properties) => ({ type: 'object', properties })),
        },
        { requiredKeys: ['name', 'parameters'] },
      ),
      { minLength: 1, maxLength: 3 },
    ),
    toolChoice: fc.oneof(
      fc.constantFrom('auto' as const, 'none' as const, 'required' as const),
      identifier.map((name) => ({ type: 'tool' as const, name })),
    ),
    responseFormat: fc.oneof(
      fc.constant({ type: 'text' as const }),
      fc.constant({ type: 'json' as const }),
      fc.record({
        type: fc.constant('json' as const),
        schema: schema.map((properties) => ({ type: 'object', properties })),
        name: identifier.filter((name) => name !== 'response'),
      }),
    ),
  },
  { requiredKeys: ['messages'] },
);

describe('ChatRequestV1 → OpenAI body → ChatRequestV1', () => {
  it('round-trips every request the spec can express on this wire (property)', () => {
    fc.assert(
      fc.property(
        request,
        fc.boolean(),
        fc.constantFrom('max_tokens' as const, 'max_completion_tokens' as const),
        (original, stream, field) => {
          const { body, warnings } = convertToOpenAIRequest(original, {
            modelId: 'm',
            kind: 'vllm',
            stream,
            maxTokensField: field,
          });
          expect(warnings).toEqual([]);
          const wire = JSON.parse(JSON.stringify(body)) as Record<string, unknown>;
          expect(wire.model).toBe('m');
          expect(wire.stream).toBe(stream ? true : undefined);
          expect(parseOpenAIRequest(wire)).toEqual(original);
        },
      ),
      { numRuns: 300 },
    );
  });
});
