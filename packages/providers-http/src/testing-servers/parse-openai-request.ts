import type { ChatRequestV1, MessageV1, TextPartV1, ToolV1, UserContentPartV1 } from '@llmrouter/core';

type Json = Record<string, unknown>;

/**
 * An OpenAI chat-completions body back to ChatRequestV1: the inverse of convertToOpenAIRequest, used
 * by the round-trip property test (what the gateway receives must survive the trip to the upstream).
 */
export function parseOpenAIRequest(body: Json): ChatRequestV1 {
  const request: ChatRequestV1 = { messages: (body.messages as Json[]).map(parseMessage) };
  const maxTokens = body.max_tokens ?? body.max_completion_tokens;
  if (typeof maxTokens === 'number') request.maxTokens = maxTokens;
  if (typeof body.temperature === 'number') request.temperature = body.temperature;
  if (typeof body.top_p === 'number') request.topP = body.top_p;
  if (Array.isArray(body.stop)) request.stop = body.stop as string[];
  if (typeof body.seed === 'number') request.seed = body.seed;
  if (Array.isArray(body.tools)) {
    request.tools = (body.tools as Array<{ function: Json }>).map(({ function: tool }) => {
      const parsed: ToolV1 = { name: tool.name as string, parameters: tool.parameters as Json };
      if (typeof tool.description === 'string') parsed.description = tool.description;
      return parsed;
    });
  }
  const choice = body.tool_choice as string | { function: { name: string } } | undefined;
  if (choice !== undefined) {
    request.toolChoice =
      typeof choice === 'string'
        ? (choice as 'auto' | 'none' | 'required')
        : { type: 'tool', name: choice.function.name };
  }
  const format = body.response_format as
    | { type: string; json_schema?: { name: string; schema: Json } }
    | undefined;
  if (format?.type === 'text') request.responseFormat = { type: 'text' };
  if (format?.type === 'json_object') request.responseFormat = { type: 'json' };
  if (format?.type === 'json_schema' && format.json_schema) {
    request.responseFormat = {
      type: 'json',
      schema: format.json_schema.schema,
      name: format.json_schema.name,
    };
  }
  return request;
}

function parseMessage(message: Json): MessageV1 {
  switch (message.role) {
    case 'system':
      return { role: 'system', content: message.content as string };
    case 'user':
      return { role: 'user', content: parseParts(message.content) };
    case 'assistant': {
      const content = parseParts(message.content) as TextPartV1[];
      const calls = message.tool_calls as
        | Array<{ id: string; function: { name: string; arguments: string } }>
        | undefined;
      return calls === undefined
        ? { role: 'assistant', content }
        : {
            role: 'assistant',
            content,
            toolCalls: calls.map((call) => ({
              id: call.id,
              name: call.function.name,
              arguments: call.function.arguments,
            })),
          };
    }
    default:
      return { role: 'tool', toolCallId: message.tool_call_id as string, content: message.content as string };
  }
}

function parseParts(content: unknown): UserContentPartV1[] {
  if (content === null || content === '') return [];
  if (typeof content === 'string') return [{ type: 'text', text: content }];
  return (content as Json[]).map((part): UserContentPartV1 => {
    if (part.type === 'text') return { type: 'text', text: part.text as string };
    const url = (part.image_url as { url: string }).url;
    const data = /^data:([^;,]+);base64,(.*)$/s.exec(url);
    return data
      ? { type: 'image', source: { type: 'base64', mediaType: data[1] as string, data: data[2] as string } }
      : { type: 'image', source: { type: 'url', url } };
  });
}
