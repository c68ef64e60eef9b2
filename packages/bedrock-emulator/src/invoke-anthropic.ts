import { bedrockErrors, converseMessages } from './bedrock-errors.js';
import { tokenize } from './deterministic-reply.js';
import { type AnswerBlock, base62, type ChatInput, type ToolChoice } from './generate-answer.js';
import {
  type ChatFamily,
  checkKeys,
  defined,
  type FamilyContext,
  type InvokeChunk,
  numberField,
  stringList,
} from './invoke-family-types.js';
import { asRecord } from './parse-converse-request.js';

const ALLOWED = [
  'anthropic_beta',
  'system',
  'stop_sequences',
  'temperature',
  'top_p',
  'top_k',
  'tools',
  'tool_choice',
  'thinking',
  'metadata',
];

type Part = Record<string, unknown>;

function partsOf(content: unknown): Part[] {
  if (typeof content === 'string') return [{ type: 'text', text: content }];
  return Array.isArray(content) ? (content as Part[]).filter((part) => asRecord(part)) : [];
}

function partText(part: Part): string {
  if (typeof part.text === 'string') return part.text;
  if (part.type === 'tool_use') return JSON.stringify(part.input ?? {});
  if (part.type === 'tool_result') return partsOf(part.content).map(partText).join('\n');
  return '';
}

/** The Anthropic Messages API as Bedrock hosts it (`anthropic_version: "bedrock-2023-05-31"`). */
export const anthropicFamily: ChatFamily = {
  parse(body, model) {
    const invalid = checkKeys(body, ['anthropic_version', 'max_tokens', 'messages'], ALLOWED);
    if (invalid) return invalid;
    if (body.anthropic_version !== 'bedrock-2023-05-31') {
      return bedrockErrors.validation(
        converseMessages.malformed(
          `#/anthropic_version: ${String(body.anthropic_version)} is not a valid enum value`,
        ),
      );
    }
    const messages = Array.isArray(body.messages) ? (body.messages as Part[]) : [];
    const blank = messages.some((message) =>
      partsOf(message.content).some((part) => typeof part.text === 'string' && part.text.trim() === ''),
    );
    if (blank) return bedrockErrors.validation('messages: text content blocks must be non-empty');
    const system = partsOf(body.system).map(partText).join('\n');
    const last = messages.at(-1);
    const lastParts = last?.role === 'user' ? partsOf(last.content) : [];
    const results = lastParts.filter((part) => part.type === 'tool_result');
    const tools = (Array.isArray(body.tools) ? (body.tools as Part[]) : []).flatMap((tool) =>
      typeof tool.name === 'string' ? [{ name: tool.name, inputSchema: tool.input_schema ?? {} }] : [],
    );
    const usesTools = messages.some((message) =>
      partsOf(message.content).some((part) => part.type === 'tool_use' || part.type === 'tool_result'),
    );
    if (usesTools && tools.length === 0) {
      return bedrockErrors.validation(
        'Requests which include `tool_use` or `tool_result` blocks must define tools.',
      );
    }
    const thinking = asRecord(body.thinking);
    const chat: ChatInput = {
      modelId: model.id,
      prompt: (results.length > 0 ? results : lastParts).map(partText).join('\n'),
      inputText: [system, ...messages.flatMap((message) => partsOf(message.content).map(partText))].join(
        '\n',
      ),
      answersToolResult: results.length > 0,
      prefaceToolUse: true,
      ...defined({
        system: system.trim() === '' ? undefined : system,
        maxTokens: numberField(body.max_tokens),
        stopSequences: stringList(body.stop_sequences),
        reasoning: model.reasoning && thinking?.type === 'enabled' ? ('signed' as const) : undefined,
      }),
      ...(tools.length > 0 ? { tools, toolChoice: toolChoiceOf(body.tool_choice) } : {}),
    };
    return chat;
  },

  respond(answer, context) {
    return {
      id: messageId(context),
      type: 'message',
      role: 'assistant',
      model: shortName(context.modelId),
      content: answer.blocks.map(contentPart),
      stop_reason: answer.stopReason,
      stop_sequence: answer.stopSequence ?? null,
      usage: { input_tokens: answer.inputTokens, output_tokens: answer.outputTokens },
    };
  },

  stream(answer, context) {
    const chunks: InvokeChunk[] = [
      {
        json: {
          type: 'message_start',
          message: {
            id: messageId(context),
            type: 'message',
            role: 'assistant',
            model: shortName(context.modelId),
            content: [],
            stop_reason: null,
            stop_sequence: null,
            usage: { input_tokens: answer.inputTokens, output_tokens: 1 },
          },
        },
      },
    ];
    answer.blocks.forEach((block, index) => {
      const start = contentPart(block);
      if (block.type === 'text') start.text = '';
      if (block.type === 'toolUse') start.input = {};
      if (block.type === 'reasoning') {
        start.thinking = '';
        delete start.signature;
      }
      chunks.push({ json: { type: 'content_block_start', index, content_block: start } });
      for (const delta of blockDeltas(block)) {
        chunks.push({ json: { type: 'content_block_delta', index, delta }, delta: true });
      }
      chunks.push({ json: { type: 'content_block_stop', index } });
    });
    chunks.push({
      json: {
        type: 'message_delta',
        delta: { stop_reason: answer.stopReason, stop_sequence: answer.stopSequence ?? null },
        usage: { output_tokens: answer.outputTokens },
      },
    });
    chunks.push({ json: { type: 'message_stop' } });
    return chunks;
  },
};

function toolChoiceOf(value: unknown): ToolChoice {
  const choice = asRecord(value);
  if (choice?.type === 'tool' && typeof choice.name === 'string') return { kind: 'tool', name: choice.name };
  if (choice?.type === 'any') return { kind: 'any' };
  return { kind: 'auto' };
}

function contentPart(block: AnswerBlock): Record<string, unknown> {
  switch (block.type) {
    case 'text':
      return { type: 'text', text: block.text };
    case 'toolUse':
      return {
        type: 'tool_use',
        id: block.toolUseId.replace('tooluse_', 'toolu_bdrk_'),
        name: block.name,
        input: block.input,
      };
    case 'reasoning':
      return { type: 'thinking', thinking: block.text, signature: block.signature ?? '' };
  }
}

function blockDeltas(block: AnswerBlock): Record<string, unknown>[] {
  if (block.type === 'text') return tokenize(block.text).map((text) => ({ type: 'text_delta', text }));
  if (block.type === 'toolUse')
    return [{ type: 'input_json_delta', partial_json: JSON.stringify(block.input) }];
  return [
    ...tokenize(block.text).map((thinking) => ({ type: 'thinking_delta', thinking })),
    { type: 'signature_delta', signature: block.signature ?? '' },
  ];
}

function messageId(context: FamilyContext): string {
  return `msg_bdrk_${base62(context.seed, 24)}`;
}

/** `anthropic.claude-3-haiku-20240307-v1:0` → `claude-3-haiku-20240307`, the name Anthropic reports. */
function shortName(modelId: string): string {
  return modelId.replace(/^anthropic\./, '').replace(/-v\d+(:\d+)?$/, '');
}
