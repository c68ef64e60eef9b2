import fc from 'fast-check';
import { type Mutation, mutate } from './chat-request-mutations';

/*
 * fast-check generators for OpenAI chat completions bodies, for the property test that holds the
 * hand-written parser to the zod schema: valid bodies of every shape the schema accepts, and hostile
 * ones made by breaking a valid body at a random place.
 */

const plain = { noNullPrototype: true } as const;
const optionalKeys = { ...plain, requiredKeys: [] as never[] };
const nullish = <T>(arbitrary: fc.Arbitrary<T>): fc.Arbitrary<T | null> =>
  fc.oneof({ weight: 4, arbitrary }, { weight: 1, arbitrary: fc.constant(null) });

const text = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'binary', maxLength: 6 }),
  fc.constantFrom('', ' ', 'hello', '  padded  '),
);
/** Vendor fields clients add; the schema is loose, so they must pass and be ignored. */
const extras = fc.dictionary(
  fc.constantFrom('cache_control', 'x_vendor', 'logprobs', 'refusal', 'annotations'),
  fc.jsonValue({ maxDepth: 2 }),
  { ...plain, maxKeys: 2 },
);
const withExtras = <T extends object>(arbitrary: fc.Arbitrary<T>): fc.Arbitrary<T> =>
  fc.tuple(arbitrary, fc.option(extras, { nil: undefined })).map(([value, more]) => ({ ...more, ...value }));

/** A JSON object at the top of a record (`parameters`, `schema`); `__proto__` is a key zod drops. */
const jsonRecord = fc.dictionary(
  fc.string({ maxLength: 8 }).filter((key) => key !== '__proto__'),
  fc.jsonValue({ maxDepth: 2 }),
  { ...plain, maxKeys: 4 },
);

const textPart = withExtras(fc.record({ type: fc.constant('text'), text }, plain));
const textContent = fc.oneof(text, fc.array(textPart, { maxLength: 3 }));
const imageUrl = fc.oneof(
  fc.constantFrom(
    'https://example.com/cat.png',
    'data:image/jpeg;base64,/9j/4AAQ',
    'data:;base64,x',
    'data:a,b',
  ),
  fc
    .tuple(fc.string({ maxLength: 6 }), fc.base64String({ maxLength: 12 }))
    .map(([type, data]) => `data:${type};base64,${data}`),
  text,
);
const imagePart = withExtras(
  fc.record(
    {
      type: fc.constant('image_url'),
      image_url: fc.oneof(
        imageUrl,
        fc.record(
          { url: imageUrl, detail: fc.constantFrom('auto', 'low', 'high') },
          { ...plain, requiredKeys: ['url'] },
        ),
      ),
    },
    plain,
  ),
);
const name = { name: text };

const systemMessage = fc.record(
  { role: fc.constantFrom('system', 'developer'), content: textContent, ...name },
  { ...plain, requiredKeys: ['role', 'content'] },
);
const userMessage = fc.record(
  {
    role: fc.constant('user'),
    content: fc.oneof(text, fc.array(fc.oneof(textPart, imagePart), { maxLength: 3 })),
    ...name,
  },
  { ...plain, requiredKeys: ['role', 'content'] },
);
const toolCall = fc.record(
  {
    id: text,
    type: fc.constant('function'),
    function: withExtras(
      fc.record({ name: fc.string({ minLength: 1, maxLength: 10 }), arguments: text }, plain),
    ),
  },
  { ...plain, requiredKeys: ['id', 'function'] },
);
const assistantMessage = fc.record(
  {
    role: fc.constant('assistant'),
    content: fc.oneof(textContent, fc.constant(null)),
    tool_calls: fc.array(toolCall, { maxLength: 3 }),
    ...name,
  },
  { ...plain, requiredKeys: ['role'] },
);
const toolMessage = fc.record(
  {
    role: fc.constant('tool'),
    tool_call_id: text,
    content: textContent,
    name: fc.jsonValue({ maxDepth: 1 }),
  },
  { ...plain, requiredKeys: ['role', 'tool_call_id', 'content'] },
);
const message = withExtras(fc.oneof(systemMessage, userMessage, assistantMessage, toolMessage));

const tool = fc.record(
  {
    type: fc.constant('function'),
    function: withExtras(
      fc.record(
        {
          name: fc.oneof(fc.string({ minLength: 1, maxLength: 64 }), fc.constant('x'.repeat(64))),
          description: text,
          parameters: jsonRecord,
          strict: nullish(fc.boolean()),
        },
        { ...plain, requiredKeys: ['name'] },
      ),
    ),
  },
  plain,
);
const toolChoice = fc.oneof(
  fc.constantFrom('auto', 'none', 'required'),
  fc.record({ type: fc.constant('function'), function: fc.record({ name: text }, plain) }, plain),
);
const responseFormat = fc.oneof(
  withExtras(fc.record({ type: fc.constantFrom('text', 'json_object') }, plain)),
  fc.record(
    {
      type: fc.constant('json_schema'),
      json_schema: withExtras(
        fc.record({ name: text, schema: jsonRecord }, { ...plain, requiredKeys: ['name'] }),
      ),
    },
    plain,
  ),
);
const positiveInteger = fc.oneof(fc.integer({ min: 1, max: 100_000 }), fc.constant(Number.MAX_SAFE_INTEGER));
const unit = (maximum: number) =>
  fc.oneof(fc.double({ min: 0, max: maximum, noNaN: true }), fc.constantFrom(0, -0, maximum));

/** Bodies the schema accepts, in every shape it knows. */
export const validChatBody: fc.Arbitrary<Record<string, unknown>> = withExtras(
  fc.record(
    {
      model: fc.oneof(text, fc.constantFrom('auto', 'gpt-4o', ' claude ', '   ')),
      messages: fc.array(message, { minLength: 1, maxLength: 5 }),
      stream: nullish(fc.boolean()),
      stream_options: nullish(fc.record({ include_usage: fc.boolean() }, optionalKeys)),
      max_tokens: nullish(positiveInteger),
      max_completion_tokens: nullish(positiveInteger),
      temperature: nullish(unit(2)),
      top_p: nullish(unit(1)),
      stop: nullish(fc.oneof(text, fc.array(text, { maxLength: 4 }))),
      seed: nullish(
        fc.oneof(fc.integer(), fc.constantFrom(Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER)),
      ),
      n: nullish(fc.constant(1)),
      tools: nullish(fc.array(tool, { maxLength: 3 })),
      tool_choice: nullish(toolChoice),
      response_format: nullish(responseFormat),
      user: nullish(text),
      metadata: nullish(
        fc.dictionary(
          fc.string({ maxLength: 6 }).filter((key) => key !== '__proto__'),
          text,
          plain,
        ),
      ),
    },
    { ...plain, requiredKeys: ['messages'] },
  ),
);

/** Values that break a field: wrong types, limits just past the edge, unsafe numbers, odd objects. */
const hostileValue: fc.Arbitrary<() => unknown> = fc.oneof(
  fc
    .constantFrom<unknown>(
      ...[null, undefined, true, false, 0, -0, 1, -1, 0.5, 1.5, 2, 2.000001, 3, 64, 1e21, -1e21, Number.NaN],
      ...[Number.POSITIVE_INFINITY, Number.MAX_SAFE_INTEGER + 1, 2 ** 53 + 2, Number.MIN_SAFE_INTEGER - 1],
      ...['', ' ', 'text', 'image_url', 'function', 'auto', 'none', 'required', 'json_object', 'json_schema'],
      ...['user', 'system', 'assistant', 'tool', 'developer', 'x'.repeat(65), '😀'.repeat(40), '\ud83d'],
    )
    .map((value) => () => value),
  fc.constantFrom(
    () => [],
    () => ({}),
    () => ['a', 'b', 'c', 'd', 'e'],
    () => ({ type: 'text', text: 'hi' }),
    () => ({ type: 'function', function: { name: 'f' } }),
    () => Object.assign(Object.create(null), { type: 'text', text: 'hi' }),
    () => new Map([['type', 'text']]),
    () => new Date(0),
  ),
  fc.jsonValue({ maxDepth: 2 }).map((value) => () => value),
);

const mutation = fc.record({
  kind: fc.constantFrom<Mutation>(
    ...(['nudge', 'nudge', 'nudge', 'nudge', 'replace', 'replace'] as const),
    ...(['remove', 'add-key', 'wrap', 'null-prototype', 'grow'] as const),
  ),
  // Unbiased: fast-check favours small numbers, which would always break the first few fields.
  at: fc.noBias(fc.nat()),
  pick: fc.noBias(fc.nat()),
  key: fc.constantFrom('__proto__', 'constructor', 'role', 'type', 'content', 'extra', 'name', 'url'),
  value: hostileValue,
});

/** A valid body broken in one to three places. */
export const hostileChatBody: fc.Arbitrary<unknown> = fc
  .tuple(validChatBody, fc.array(mutation, { minLength: 1, maxLength: 3 }))
  .map(([body, changes]) => changes.reduce<unknown>(mutate, body));
