import type { ContentBlock } from '@aws-sdk/client-bedrock-runtime';
import type { MessageV1, WarningV1 } from '@llmrouter/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { prepareBedrockTools } from './bedrock-tools';
import { convertToBedrockMessages } from './convert-to-bedrock-messages';
import { findBedrockModel } from './find-bedrock-model';

const haiku = findBedrockModel('anthropic.claude-3-haiku-20240307-v1:0');
const sonnet45 = findBedrockModel('anthropic.claude-sonnet-4-5-20250929-v1:0');
const mistral7b = findBedrockModel('mistral.mistral-7b-instruct-v0:2');
const titan = findBedrockModel('amazon.titan-text-express-v1');
const user = (text: string): MessageV1 => ({ role: 'user', content: [{ type: 'text', text }] });

describe('convertToBedrockMessages', () => {
  it('keeps system prompts apart and drops blank text blocks', () => {
    const warnings: WarningV1[] = [];
    const prompt = convertToBedrockMessages(
      [
        { role: 'system', content: 'Be brief.' },
        {
          role: 'user',
          content: [
            { type: 'text', text: '  ' },
            { type: 'text', text: 'Hi' },
          ],
        },
      ],
      { model: haiku, toolsSent: false, warnings },
    );
    expect(prompt.system).toEqual([{ text: 'Be brief.' }]);
    expect(prompt.messages).toEqual([{ role: 'user', content: [{ text: 'Hi' }] }]);
    expect(warnings).toEqual([]);
  });

  it('merges consecutive messages of one role and opens with a user turn', () => {
    const warnings: WarningV1[] = [];
    const prompt = convertToBedrockMessages(
      [{ role: 'assistant', content: [{ type: 'text', text: 'Hello!' }] }, user('a'), user('b')],
      { model: haiku, toolsSent: false, warnings },
    );
    expect(prompt.messages.map((message) => message.role)).toEqual(['user', 'assistant', 'user']);
    expect(prompt.messages[2]?.content).toEqual([{ text: 'a' }, { text: 'b' }]);
    expect(warnings[0]?.type).toBe('other');
  });

  it('turns tool history into toolUse/toolResult blocks when tools are sent, into text otherwise', () => {
    const history: MessageV1[] = [
      user('Weather in Paris?'),
      {
        role: 'assistant',
        content: [],
        toolCalls: [{ id: 'call_1', name: 'get_weather', arguments: '{"city":"Paris"}' }],
      },
      { role: 'tool', toolCallId: 'call_1', content: '18°C' },
      { role: 'tool', toolCallId: 'call_2', content: 'failed', isError: true },
    ];
    const withTools = convertToBedrockMessages(history, { model: haiku, toolsSent: true, warnings: [] });
    expect(withTools.messages[1]?.content?.[0]).toEqual({
      toolUse: { toolUseId: 'call_1', name: 'get_weather', input: { city: 'Paris' } },
    });
    expect(withTools.messages[2]?.content).toEqual([
      { toolResult: { toolUseId: 'call_1', content: [{ text: '18°C' }] } },
      { toolResult: { toolUseId: 'call_2', content: [{ text: 'failed' }], status: 'error' } },
    ]);
    const withoutTools = convertToBedrockMessages(history, { model: haiku, toolsSent: false, warnings: [] });
    const blocks = withoutTools.messages.flatMap((message) => message.content ?? []);
    expect(blocks.every((block) => 'text' in block)).toBe(true);
    expect(JSON.stringify(blocks)).toContain('get_weather');
  });

  it('adds cache points only for models with prompt caching, else warns', () => {
    const request: MessageV1[] = [
      { role: 'system', content: 'Long shared context', cachePoint: true },
      { role: 'user', content: [{ type: 'text', text: 'Question', cachePoint: true }] },
    ];
    const cached = convertToBedrockMessages(request, { model: sonnet45, toolsSent: false, warnings: [] });
    expect(cached.system).toEqual([{ text: 'Long shared context' }, { cachePoint: { type: 'default' } }]);
    expect(cached.messages[0]?.content).toEqual([{ text: 'Question' }, { cachePoint: { type: 'default' } }]);
    const warnings: WarningV1[] = [];
    const uncached = convertToBedrockMessages(request, { model: haiku, toolsSent: false, warnings });
    expect(JSON.stringify(uncached)).not.toContain('cachePoint');
    expect(warnings).toEqual([
      expect.objectContaining({ type: 'unsupported-setting', setting: 'cachePoint' }),
    ]);
  });

  it('folds the system prompt into the first user message for models without system support', () => {
    for (const model of [mistral7b, titan]) {
      const warnings: WarningV1[] = [];
      const prompt = convertToBedrockMessages(
        [{ role: 'system', content: 'Answer in French.' }, user('Hello')],
        { model, toolsSent: false, warnings },
      );
      expect(prompt.system).toEqual([]);
      expect(prompt.messages[0]?.content?.[0]).toEqual({ text: 'Answer in French.\n\n' });
      expect(warnings).toEqual([expect.objectContaining({ setting: 'system' })]);
    }
  });

  it('sends base64 and data-URL images as bytes and refuses remote URLs', () => {
    const png = Buffer.from('89504e47', 'hex').toString('base64');
    const prompt = convertToBedrockMessages(
      [
        {
          role: 'user',
          content: [
            { type: 'image', source: { type: 'base64', mediaType: 'image/png', data: png } },
            { type: 'image', source: { type: 'url', url: `data:image/jpeg;base64,${png}` } },
          ],
        },
      ],
      { model: haiku, toolsSent: false, warnings: [] },
    );
    const [first, second] = prompt.messages[0]?.content ?? [];
    expect(first?.image?.format).toBe('png');
    expect(Buffer.from(first?.image?.source?.bytes ?? []).toString('hex')).toBe('89504e47');
    expect(second?.image?.format).toBe('jpeg');
    expect(() =>
      convertToBedrockMessages(
        [
          {
            role: 'user',
            content: [{ type: 'image', source: { type: 'url', url: 'https://example.com/cat.png' } }],
          },
        ],
        { model: haiku, toolsSent: false, warnings: [] },
      ),
    ).toThrow(/bytes only/);
  });

  it('property: the output starts with a user turn, alternates roles and has no blank text', () => {
    const text = fc.oneof(fc.constantFrom('', ' ', '\n'), fc.string({ minLength: 1, maxLength: 8 }));
    const message: fc.Arbitrary<MessageV1> = fc.oneof(
      fc.record({ role: fc.constant('system' as const), content: text }),
      fc.record({
        role: fc.constant('user' as const),
        content: fc.array(fc.record({ type: fc.constant('text' as const), text }), { maxLength: 3 }),
      }),
      fc.record({
        role: fc.constant('assistant' as const),
        content: fc.array(fc.record({ type: fc.constant('text' as const), text }), { maxLength: 2 }),
        toolCalls: fc.array(
          fc.record({
            id: fc.constantFrom('a', 'b'),
            name: fc.constant('lookup'),
            arguments: fc.constantFrom('{}', '{"q":1}', 'not json'),
          }),
          { maxLength: 2 },
        ),
      }),
      fc.record({ role: fc.constant('tool' as const), toolCallId: fc.constantFrom('a', 'b'), content: text }),
    );
    fc.assert(
      fc.property(fc.array(message, { maxLength: 8 }), fc.boolean(), (messages, toolsSent) => {
        const prompt = convertToBedrockMessages(messages, { model: haiku, toolsSent, warnings: [] });
        expect(prompt.messages[0]?.role).toBe('user');
        prompt.messages.forEach((turn, index) => {
          if (index > 0) expect(turn.role).not.toBe(prompt.messages[index - 1]?.role);
          expect(turn.content?.length).toBeGreaterThan(0);
          for (const block of turn.content ?? []) {
            if ('text' in block && block.text !== undefined) expect(block.text.trim()).not.toBe('');
            if (!toolsSent) expect(block).not.toHaveProperty('toolUse');
            const blockWithTool = block as ContentBlock;
            if (blockWithTool.toolUse) expect(typeof blockWithTool.toolUse.input).toBe('object');
          }
        });
        for (const block of prompt.system)
          if ('text' in block && block.text !== undefined) expect(block.text.trim()).not.toBe('');
      }),
      { numRuns: 300 },
    );
  });
});

describe('prepareBedrockTools', () => {
  const tools = [
    {
      name: 'get_weather',
      description: 'Weather',
      parameters: { type: 'object', properties: { city: { type: 'string' } } },
    },
  ];

  it('maps OpenAI tools and choices to toolConfig', () => {
    expect(prepareBedrockTools(tools, 'auto', haiku, [])).toEqual({
      tools: [
        {
          toolSpec: {
            name: 'get_weather',
            description: 'Weather',
            inputSchema: { json: tools[0]?.parameters },
          },
        },
      ],
    });
    expect(prepareBedrockTools(tools, 'required', haiku, [])?.toolChoice).toEqual({ any: {} });
    expect(prepareBedrockTools(tools, { type: 'tool', name: 'get_weather' }, haiku, [])?.toolChoice).toEqual({
      tool: { name: 'get_weather' },
    });
  });

  it('omits tools for "none" and for models without tool use, with warnings', () => {
    const warnings: WarningV1[] = [];
    expect(prepareBedrockTools(tools, 'none', haiku, warnings)).toBeUndefined();
    expect(prepareBedrockTools(tools, 'auto', titan, warnings)).toBeUndefined();
    expect(warnings.map((warning) => warning.type === 'unsupported-setting' && warning.setting)).toEqual([
      'toolChoice',
      'tools',
    ]);
  });

  it('downgrades a forced choice to auto where Converse refuses it', () => {
    const warnings: WarningV1[] = [];
    const llama = findBedrockModel('meta.llama3-1-70b-instruct-v1:0');
    expect(prepareBedrockTools(tools, 'required', llama, warnings)?.toolChoice).toEqual({ auto: {} });
    expect(warnings).toHaveLength(1);
  });
});
