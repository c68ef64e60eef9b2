import type { ChatRequestV1, MessageV1, TextPartV1, UserContentPartV1 } from '@llmrouter/core';
import { LLMRouterError } from '@llmrouter/errors';
import type { z } from 'zod';
import { chatRequestSchema, type OpenAIChatRequest, type OpenAIMessage } from './chat-request-schema';
import { convertOpenAIImageUrl } from './convert-openai-image-url';
import { parseChatRequestFast } from './parse-chat-request-fast';

export interface ParsedChatRequest {
  /** The model the client named: a configured name, `auto`, or anything else (routed). */
  model: string;
  stream: boolean;
  includeUsage: boolean;
  request: ChatRequestV1;
  metadata: Record<string, string>;
}

/** A 400 naming the first bad field, in OpenAI's `param` style (`messages[0].content`). */
export function requestInvalid(issues: readonly z.core.$ZodIssue[]): LLMRouterError {
  const [first] = issues;
  const param = (first?.path ?? [])
    .map((key, index) => (typeof key === 'number' ? `[${key}]` : `${index ? '.' : ''}${String(key)}`))
    .join('');
  return new LLMRouterError({
    code: 'request_invalid',
    message: `${param ? `${param}: ` : ''}${first?.message ?? 'invalid request body'}`,
    hint: 'Send an OpenAI chat completions body: {"model": "...", "messages": [{"role": "user", "content": "..."}]}.',
    details: { param },
  });
}

function text(content: string | Array<{ text: string }> | null | undefined): string {
  if (content === null || content === undefined) return '';
  return typeof content === 'string' ? content : content.map((part) => part.text).join('');
}

function userContent(content: Extract<OpenAIMessage, { role: 'user' }>['content']): UserContentPartV1[] {
  if (typeof content === 'string') return [{ type: 'text', text: content }];
  return content.map(
    (part): UserContentPartV1 =>
      part.type === 'text'
        ? { type: 'text', text: part.text }
        : convertOpenAIImageUrl(typeof part.image_url === 'string' ? part.image_url : part.image_url.url),
  );
}

function convertMessage(message: OpenAIMessage): MessageV1 {
  switch (message.role) {
    case 'system':
    case 'developer':
      return { role: 'system', content: text(message.content) };
    case 'user':
      return { role: 'user', content: userContent(message.content) };
    case 'assistant': {
      const body = text(message.content);
      const content: TextPartV1[] = body ? [{ type: 'text', text: body }] : [];
      const toolCalls = message.tool_calls?.map((call) => ({
        id: call.id,
        name: call.function.name,
        arguments: call.function.arguments,
      }));
      return toolCalls?.length ? { role: 'assistant', content, toolCalls } : { role: 'assistant', content };
    }
    case 'tool':
      return { role: 'tool', toolCallId: message.tool_call_id, content: text(message.content) };
  }
}

function convertBody(body: OpenAIChatRequest): ChatRequestV1 {
  const request: ChatRequestV1 = { messages: body.messages.map(convertMessage) };
  const maxTokens = body.max_completion_tokens ?? body.max_tokens;
  if (maxTokens != null) request.maxTokens = maxTokens;
  if (body.temperature != null) request.temperature = body.temperature;
  if (body.top_p != null) request.topP = body.top_p;
  if (body.stop != null) request.stop = typeof body.stop === 'string' ? [body.stop] : body.stop;
  if (body.seed != null) request.seed = body.seed;
  if (body.tools?.length) {
    request.tools = body.tools.map(({ function: fn }) => ({
      name: fn.name,
      parameters: fn.parameters ?? { type: 'object', properties: {} },
      ...(fn.description === undefined ? {} : { description: fn.description }),
    }));
  }
  if (body.tool_choice != null) {
    request.toolChoice =
      typeof body.tool_choice === 'string'
        ? body.tool_choice
        : { type: 'tool', name: body.tool_choice.function.name };
  }
  const format = body.response_format;
  if (format?.type === 'json_object') request.responseFormat = { type: 'json' };
  if (format?.type === 'json_schema') {
    request.responseFormat = {
      type: 'json',
      name: format.json_schema.name,
      ...(format.json_schema.schema === undefined ? {} : { schema: format.json_schema.schema }),
    };
  }
  return request;
}

/**
 * Validates an OpenAI chat completions body with the zod schema and turns it into the v1 request. The
 * reference behaviour: `parseChatRequest` must give the same answer for every body.
 */
export function parseChatRequestWithSchema(body: unknown): ParsedChatRequest {
  const parsed = chatRequestSchema.safeParse(body);
  if (!parsed.success) throw requestInvalid(parsed.error.issues);
  const data = parsed.data;
  const metadata: Record<string, string> = { ...data.metadata };
  if (data.user) metadata.user = data.user;
  return {
    model: data.model.trim() || 'auto',
    stream: data.stream === true,
    includeUsage: data.stream_options?.include_usage === true,
    request: convertBody(data),
    metadata,
  };
}

/**
 * Validates an OpenAI chat completions body and turns it into the v1 request. The hand-written parser
 * takes the common, valid bodies in one pass (zod was a few percent of the gateway's CPU); anything it
 * cannot vouch for, including every invalid body, goes through the schema, so errors are the schema's.
 */
export function parseChatRequest(body: unknown): ParsedChatRequest {
  return parseChatRequestFast(body) ?? parseChatRequestWithSchema(body);
}
