import type { ContentBlock, ImageFormat, Message, SystemContentBlock } from '@aws-sdk/client-bedrock-runtime';
import type { ImagePartV1, MessageV1, WarningV1 } from '@llmrouter/core';
import { LLMRouterError } from '@llmrouter/errors';
import type { BedrockCatalogModel } from './bedrock-model-catalog';

export interface BedrockPrompt {
  system: SystemContentBlock[];
  messages: Message[];
}

export interface ConvertOptions {
  model: BedrockCatalogModel | undefined;
  /** Whether tools go out with this request; without a toolConfig, Converse rejects tool blocks. */
  toolsSent: boolean;
  warnings: WarningV1[];
}

const CACHE_POINT = { cachePoint: { type: 'default' } } as const;
const IMAGE_FORMATS: Record<string, ImageFormat> = {
  'image/png': 'png',
  'image/jpeg': 'jpeg',
  'image/jpg': 'jpeg',
  'image/gif': 'gif',
  'image/webp': 'webp',
};

function imageBlock(part: ImagePartV1): ContentBlock {
  let mediaType: string;
  let data: string;
  if (part.source.type === 'base64') {
    mediaType = part.source.mediaType;
    data = part.source.data;
  } else {
    const match = /^data:([^;,]+);base64,(.*)$/s.exec(part.source.url);
    if (!match) {
      throw new LLMRouterError({
        code: 'unsupported_feature',
        message: 'Bedrock Converse accepts images as bytes only, not as remote URLs.',
        hint: 'Download the image and send it inline as base64 (a data:image/png;base64,… URL).',
        provider: 'bedrock',
        details: { url: part.source.url.slice(0, 100) },
      });
    }
    mediaType = match[1]!;
    data = match[2]!;
  }
  const format = IMAGE_FORMATS[mediaType.toLowerCase()];
  if (!format) {
    throw new LLMRouterError({
      code: 'unsupported_feature',
      message: `Bedrock does not accept ${mediaType} images.`,
      hint: 'Send PNG, JPEG, GIF or WebP images.',
      provider: 'bedrock',
    });
  }
  return { image: { format, source: { bytes: Buffer.from(data, 'base64') } } };
}

function warnOnce(warnings: WarningV1[], warning: WarningV1 & { type: 'unsupported-setting' }): void {
  if (
    !warnings.some(
      (existing) => existing.type === 'unsupported-setting' && existing.setting === warning.setting,
    )
  )
    warnings.push(warning);
}

/**
 * OpenAI-style messages to Converse's system blocks and alternating user/assistant messages, cleaned of
 * what Converse rejects but OpenAI accepts: blank text blocks are dropped, consecutive messages of one
 * role merged, a conversation that opens with the assistant gets a user turn first, and tool history
 * sent without tools becomes plain text (a made-up toolConfig would let the model call tools the caller
 * did not offer).
 */
export function convertToBedrockMessages(input: MessageV1[], options: ConvertOptions): BedrockPrompt {
  const { model, warnings } = options;
  const caching = model?.capabilities.promptCaching ?? true;
  const images = model?.capabilities.images ?? true;
  const cachePoint = (blocks: Array<ContentBlock | SystemContentBlock>) => {
    if (caching) blocks.push(CACHE_POINT);
    else
      warnOnce(warnings, {
        type: 'unsupported-setting',
        setting: 'cachePoint',
        details: `${model?.name ?? 'This model'} has no prompt caching on Bedrock; cache points were not sent.`,
      });
  };
  const system: SystemContentBlock[] = [];
  const turns: Array<{ role: 'user' | 'assistant'; content: ContentBlock[] }> = [];
  const toolNames = new Map<string, string>();
  for (const message of input) {
    const content: ContentBlock[] = [];
    if (message.role === 'system') {
      if (message.content.trim() !== '') system.push({ text: message.content });
      if (message.cachePoint && system.length > 0) cachePoint(system);
      continue;
    }
    if (message.role === 'tool') {
      const name = toolNames.get(message.toolCallId) ?? 'tool';
      if (options.toolsSent) {
        content.push({
          toolResult: {
            toolUseId: message.toolCallId,
            content: [{ text: message.content || '(empty)' }],
            ...(message.isError ? { status: 'error' } : {}),
          },
        });
      } else {
        content.push({
          text: `[Result of ${name} (${message.toolCallId})${message.isError ? ', an error' : ''}]: ${message.content || '(empty)'}`,
        });
      }
      turns.push({ role: 'user', content });
      continue;
    }
    for (const part of message.content) {
      if (part.type === 'text') {
        if (part.text.trim() !== '') content.push({ text: part.text });
        if (part.cachePoint && content.length > 0) cachePoint(content);
      } else if (images) {
        content.push(imageBlock(part));
      } else {
        warnOnce(warnings, {
          type: 'unsupported-setting',
          setting: 'images',
          details: `${model?.name ?? 'This model'} does not accept images; they were replaced by a note.`,
        });
        content.push({ text: '[image omitted: this model does not accept images]' });
      }
    }
    if (message.role === 'assistant') {
      for (const call of message.toolCalls ?? []) {
        toolNames.set(call.id, call.name);
        if (options.toolsSent)
          content.push({
            toolUse: { toolUseId: call.id, name: call.name, input: parseArguments(call.arguments) as never },
          });
        else content.push({ text: `[Called ${call.name} (${call.id}) with ${call.arguments || '{}'}]` });
      }
    }
    if (content.length > 0) turns.push({ role: message.role, content });
  }
  const messages: Message[] = [];
  for (const turn of turns) {
    const previous = messages.at(-1);
    if (previous?.role === turn.role) previous.content = [...(previous.content ?? []), ...turn.content];
    else messages.push({ role: turn.role, content: [...turn.content] });
  }
  if (messages[0]?.role !== 'user') {
    warnings.push({
      type: 'other',
      message:
        'Converse needs the conversation to start with a user message; an empty user turn ("(continue)") was added.',
    });
    messages.unshift({ role: 'user', content: [{ text: '(continue)' }] });
  }
  // Anthropic models reject a final assistant turn ending in whitespace (a prefill).
  const last = messages.at(-1);
  const lastBlock = last?.role === 'assistant' ? last.content?.at(-1) : undefined;
  if (lastBlock && 'text' in lastBlock && typeof lastBlock.text === 'string')
    lastBlock.text = lastBlock.text.trimEnd();
  if (model && !model.capabilities.systemPrompt && system.length > 0)
    foldSystemPrompt(system, messages, model, warnings);
  return { system, messages };
}

/** For models that refuse system messages: the system text opens the first user message instead. */
function foldSystemPrompt(
  system: SystemContentBlock[],
  messages: Message[],
  model: BedrockCatalogModel,
  warnings: WarningV1[],
): void {
  const text = system.flatMap((block) => ('text' in block && block.text ? [block.text] : [])).join('\n\n');
  system.length = 0;
  warnings.push({
    type: 'unsupported-setting',
    setting: 'system',
    details: `${model.name} does not accept a system prompt; it was prepended to the first user message.`,
  });
  const first = messages[0]!;
  first.content = [{ text: `${text}\n\n` }, ...(first.content ?? [])];
}

function parseArguments(text: string): unknown {
  try {
    const value: unknown = JSON.parse(text || '{}');
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? value : { value };
  } catch {
    // Converse needs a JSON object; keep what the model wrote rather than failing the whole request.
    return { arguments: text };
  }
}
