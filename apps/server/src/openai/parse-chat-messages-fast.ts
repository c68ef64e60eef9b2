import type { MessageV1, TextPartV1, ToolCallV1, UserContentPartV1 } from '@llmrouter/core';
import { convertOpenAIImageUrl } from './convert-openai-image-url';
import { isNullish, isPlainObject, type PlainObject } from './plain-json-object';

/*
 * The messages half of the hand-written parser. Each function returns the v1 value, or `undefined`
 * when it cannot vouch that `chatRequestSchema` accepts the input; the caller then defers the whole
 * body to the schema. Every rule mirrors one in chat-request-schema.ts — keep the two in step (the
 * property test in parse-chat-request.test.ts compares them).
 */

/** `textContent`: a string, or an array of `{type: 'text', text}` parts, joined. */
function readText(content: unknown): string | undefined {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return undefined;
  let joined = '';
  for (let index = 0; index < content.length; index++) {
    const part: unknown = content[index];
    if (!isPlainObject(part) || part.type !== 'text' || typeof part.text !== 'string') return undefined;
    joined += part.text;
  }
  return joined;
}

/** `image_url`: a string, or `{url, detail?}`. */
function readImageUrl(imageUrl: unknown): string | undefined {
  if (typeof imageUrl === 'string') return imageUrl;
  if (!isPlainObject(imageUrl) || typeof imageUrl.url !== 'string') return undefined;
  if (imageUrl.detail !== undefined && typeof imageUrl.detail !== 'string') return undefined;
  return imageUrl.url;
}

function readUserContent(content: unknown): UserContentPartV1[] | undefined {
  if (typeof content === 'string') return [{ type: 'text', text: content }];
  if (!Array.isArray(content)) return undefined;
  const parts: UserContentPartV1[] = [];
  for (let index = 0; index < content.length; index++) {
    const part: unknown = content[index];
    if (!isPlainObject(part)) return undefined;
    if (part.type === 'text') {
      if (typeof part.text !== 'string') return undefined;
      parts.push({ type: 'text', text: part.text });
    } else if (part.type === 'image_url') {
      const url = readImageUrl(part.image_url);
      if (url === undefined) return undefined;
      parts.push(convertOpenAIImageUrl(url));
    } else {
      return undefined;
    }
  }
  return parts;
}

function readToolCalls(toolCalls: unknown): ToolCallV1[] | undefined {
  if (!Array.isArray(toolCalls)) return undefined;
  const calls: ToolCallV1[] = [];
  for (let index = 0; index < toolCalls.length; index++) {
    const call: unknown = toolCalls[index];
    if (!isPlainObject(call) || typeof call.id !== 'string') return undefined;
    if (call.type !== undefined && call.type !== 'function') return undefined;
    const fn = call.function;
    if (!isPlainObject(fn) || typeof fn.arguments !== 'string') return undefined;
    // `.min(1)` counts code points, but a string of one UTF-16 unit or more always has one.
    if (typeof fn.name !== 'string' || fn.name.length === 0) return undefined;
    calls.push({ id: call.id, name: fn.name, arguments: fn.arguments });
  }
  return calls;
}

function readAssistant(message: PlainObject): MessageV1 | undefined {
  let body = '';
  if (!isNullish(message.content)) {
    const text = readText(message.content);
    if (text === undefined) return undefined;
    body = text;
  }
  const content: TextPartV1[] = body ? [{ type: 'text', text: body }] : [];
  if (message.tool_calls === undefined) return { role: 'assistant', content };
  const toolCalls = readToolCalls(message.tool_calls);
  if (toolCalls === undefined) return undefined;
  return toolCalls.length ? { role: 'assistant', content, toolCalls } : { role: 'assistant', content };
}

function readMessage(message: unknown): MessageV1 | undefined {
  if (!isPlainObject(message)) return undefined;
  const role = message.role;
  // `name` is checked on every role but `tool`, whose schema does not declare it.
  if (role !== 'tool' && message.name !== undefined && typeof message.name !== 'string') return undefined;
  switch (role) {
    case 'system':
    case 'developer': {
      const content = readText(message.content);
      return content === undefined ? undefined : { role: 'system', content };
    }
    case 'user': {
      const content = readUserContent(message.content);
      return content === undefined ? undefined : { role: 'user', content };
    }
    case 'assistant':
      return readAssistant(message);
    case 'tool': {
      const content = readText(message.content);
      if (content === undefined || typeof message.tool_call_id !== 'string') return undefined;
      return { role: 'tool', toolCallId: message.tool_call_id, content };
    }
    default:
      return undefined;
  }
}

/** The v1 messages, or `undefined` to defer to the schema; an empty list is deferred too (`.min(1)`). */
export function parseChatMessagesFast(messages: unknown): MessageV1[] | undefined {
  if (!Array.isArray(messages) || messages.length === 0) return undefined;
  const converted: MessageV1[] = [];
  for (let index = 0; index < messages.length; index++) {
    const message = readMessage(messages[index]);
    if (message === undefined) return undefined;
    converted.push(message);
  }
  return converted;
}
