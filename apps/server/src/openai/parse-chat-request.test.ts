import { isDeepStrictEqual } from 'node:util';
import { LLMRouterError } from '@llmrouter/errors';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hostileChatBody, validChatBody } from './chat-request-arbitraries';
import { everySingleChange } from './chat-request-mutations';
import { parseChatRequest, parseChatRequestWithSchema } from './parse-chat-request';
import { parseChatRequestFast } from './parse-chat-request-fast';

/** What a parser made of a body: the result, or the error a client would see. */
function outcome(parse: (body: unknown) => unknown, body: unknown): unknown {
  try {
    const result = parse(body);
    return { result, json: JSON.stringify(result) };
  } catch (error) {
    if (!(error instanceof LLMRouterError)) throw error;
    return { code: error.code, message: error.message, hint: error.hint, details: error.details };
  }
}

function expectSameAsSchema(body: unknown): void {
  expect(outcome(parseChatRequest, body)).toStrictEqual(outcome(parseChatRequestWithSchema, body));
}

describe('parseChatRequest', () => {
  it('answers every valid body itself, with exactly what the schema path builds (property)', () => {
    fc.assert(
      fc.property(validChatBody, (body) => {
        const fast = parseChatRequestFast(body);
        expect(fast).toBeDefined();
        expect({ result: fast, json: JSON.stringify(fast) }).toStrictEqual(
          outcome(parseChatRequestWithSchema, body),
        );
      }),
      { numRuns: 400 },
    );
  });

  it('accepts, converts and rejects broken bodies exactly as the schema does (property)', () => {
    fc.assert(
      fc.property(hostileChatBody, (body) => {
        expectSameAsSchema(body);
        // Whatever the hand-written parser answers, the schema must accept.
        if (parseChatRequestFast(body) !== undefined)
          expect(() => parseChatRequestWithSchema(body)).not.toThrow();
      }),
      { numRuns: 1500 },
    );
  });

  it('agrees with the schema on every body one change away from a valid one (property)', () => {
    fc.assert(
      fc.property(validChatBody, (body) => {
        for (const changed of everySingleChange(body)) {
          const ours = outcome(parseChatRequest, changed);
          const schemas = outcome(parseChatRequestWithSchema, changed);
          // The cheap comparison first; vitest's, for its readable diff, only on a mismatch.
          if (!isDeepStrictEqual(ours, schemas)) expect(ours).toStrictEqual(schemas);
        }
      }),
      // Each run checks every neighbour of its body, a few hundred, so few runs cover a lot.
      { numRuns: 40 },
    );
  });

  it('keeps the schema error messages, naming the bad field', () => {
    const cases: Array<[unknown, string]> = [
      [{ messages: [{ role: 'user', content: 5 }] }, 'messages[0].content'],
      [{ messages: [] }, 'messages'],
      [{ messages: [{ role: 'user', content: 'hi' }], n: 2 }, 'n'],
      [{ messages: [{ role: 'user', content: 'hi' }], stop: ['a', 'b', 'c', 'd', 'e'] }, 'stop'],
      [{ messages: [{ role: 'assistant', tool_calls: null }] }, 'messages[0].tool_calls'],
    ];
    for (const [body, param] of cases) {
      expectSameAsSchema(body);
      expect(() => parseChatRequest(body)).toThrow(
        expect.objectContaining({ code: 'request_invalid', details: { param } }),
      );
    }
  });

  it('defers to the schema where only it can judge: code point lengths, unsafe integers, odd objects', () => {
    const message = { role: 'user', content: 'hi' };
    const emojiName = { type: 'function', function: { name: '😀'.repeat(40) } };
    const bodies: unknown[] = [
      { messages: [message], tools: [emojiName] },
      { messages: [message], max_tokens: 2 ** 53 },
      { messages: [message], seed: 1.5 },
      { messages: [message], metadata: JSON.parse('{"__proto__": "x", "a": "b"}') },
      { messages: [message], stream_options: new Map() },
      {
        messages: [message],
        tools: [{ type: 'function', function: { name: 'f', parameters: { [Symbol('s')]: 1 } } }],
      },
      Object.assign(Object.create(null), { messages: [message] }),
    ];
    for (const body of bodies) {
      expect(parseChatRequestFast(body)).toBeUndefined();
      expectSameAsSchema(body);
    }
    expect(parseChatRequest(bodies[0]).request.tools?.[0]?.name).toBe('😀'.repeat(40));
  });

  it('converts a typical body', () => {
    const parsed = parseChatRequest({
      model: '  gpt-4o ',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: [{ type: 'image_url', image_url: 'data:image/png;base64,AAAA' }] },
      ],
      stream: true,
      stream_options: { include_usage: true },
      max_tokens: 10,
      stop: 'END',
      user: 'u1',
      metadata: { team: 'search' },
    });
    expect(parsed).toStrictEqual({
      model: 'gpt-4o',
      stream: true,
      includeUsage: true,
      metadata: { team: 'search', user: 'u1' },
      request: {
        messages: [
          { role: 'system', content: 'Be brief.' },
          {
            role: 'user',
            content: [{ type: 'image', source: { type: 'base64', mediaType: 'image/png', data: 'AAAA' } }],
          },
        ],
        maxTokens: 10,
        stop: ['END'],
      },
    });
  });
});
