import type {
  AssistantMessageV1,
  ChatRequestV1,
  MessageV1,
  UserContentPartV1,
  WarningV1,
} from '@llmrouter/core';

export interface OpenAIRequestOptions {
  modelId: string;
  /** The provider kind, whose `providerOptions` entry is merged into the body. */
  kind: string;
  stream: boolean;
  /** OpenAI itself wants `max_completion_tokens` (reasoning models reject `max_tokens`). */
  maxTokensField: 'max_tokens' | 'max_completion_tokens';
}

export type OpenAIContentPart =
  | { type: 'text'; text: string }
  | { type: 'image_url'; image_url: { url: string } };

export type OpenAIMessage =
  | { role: 'system'; content: string }
  | { role: 'user'; content: string | OpenAIContentPart[] }
  | {
      role: 'assistant';
      content: string | OpenAIContentPart[] | null;
      tool_calls?: Array<{ id: string; type: 'function'; function: { name: string; arguments: string } }>;
    }
  | { role: 'tool'; tool_call_id: string; content: string };

/** ChatRequestV1 → an OpenAI chat-completions body, with a warning for each setting it cannot carry. */
export function convertToOpenAIRequest(
  request: ChatRequestV1,
  options: OpenAIRequestOptions,
): { body: Record<string, unknown>; warnings: WarningV1[] } {
  const warnings: WarningV1[] = [];
  const warned = new Set<string>();
  const warn = (setting: string, details: string): void => {
    if (warned.has(setting)) return;
    warned.add(setting);
    warnings.push({ type: 'unsupported-setting', setting, details });
  };
  const messages = request.messages.map((message) => convertMessage(message, warn));
  const body: Record<string, unknown> = { model: options.modelId, messages };
  if (request.maxTokens !== undefined) body[options.maxTokensField] = request.maxTokens;
  if (request.temperature !== undefined) body.temperature = request.temperature;
  if (request.topP !== undefined) body.top_p = request.topP;
  if (request.stop !== undefined && request.stop.length > 0) body.stop = request.stop;
  if (request.seed !== undefined) body.seed = request.seed;
  if (request.tools !== undefined && request.tools.length > 0) {
    body.tools = request.tools.map((tool) => ({
      type: 'function',
      function: {
        name: tool.name,
        ...(tool.description === undefined ? {} : { description: tool.description }),
        parameters: tool.parameters,
      },
    }));
  }
  if (request.toolChoice !== undefined) {
    body.tool_choice =
      typeof request.toolChoice === 'string'
        ? request.toolChoice
        : { type: 'function', function: { name: request.toolChoice.name } };
  }
  if (request.responseFormat !== undefined)
    body.response_format = convertResponseFormat(request.responseFormat);
  if (options.stream) {
    body.stream = true;
    body.stream_options = { include_usage: true };
  }
  // Extra fields the spec does not name (top_k, repetition_penalty, chat_template_kwargs, …) pass through.
  Object.assign(body, request.providerOptions?.openai);
  if (options.kind !== 'openai') Object.assign(body, request.providerOptions?.[options.kind]);
  return { body, warnings };
}

function convertMessage(message: MessageV1, warn: (setting: string, details: string) => void): OpenAIMessage {
  switch (message.role) {
    case 'system':
      if (message.cachePoint) warn('cachePoint', 'OpenAI-compatible servers cache prompts on their own.');
      return { role: 'system', content: message.content };
    case 'user':
      return { role: 'user', content: convertParts(message.content, warn) };
    case 'assistant':
      return convertAssistant(message, warn);
    case 'tool':
      if (message.isError)
        warn('isError', 'OpenAI tool messages have no error flag; the content is sent as is.');
      return { role: 'tool', tool_call_id: message.toolCallId, content: message.content };
  }
}

function convertAssistant(
  message: AssistantMessageV1,
  warn: (setting: string, details: string) => void,
): OpenAIMessage {
  const hasCalls = message.toolCalls !== undefined && message.toolCalls.length > 0;
  const content = message.content.length === 0 ? (hasCalls ? null : '') : convertParts(message.content, warn);
  return {
    role: 'assistant',
    content,
    ...(hasCalls
      ? {
          tool_calls: (message.toolCalls ?? []).map((call) => ({
            id: call.id,
            type: 'function' as const,
            function: { name: call.name, arguments: call.arguments },
          })),
        }
      : {}),
  };
}

/** One non-empty text part travels as a plain string: older local servers accept nothing else. */
function convertParts(
  parts: readonly UserContentPartV1[],
  warn: (setting: string, details: string) => void,
): string | OpenAIContentPart[] {
  const only = parts[0];
  if (parts.length === 1 && only?.type === 'text' && only.text.length > 0) {
    if (only.cachePoint) warn('cachePoint', 'OpenAI-compatible servers cache prompts on their own.');
    return only.text;
  }
  return parts.map((part): OpenAIContentPart => {
    if (part.type === 'text') {
      if (part.cachePoint) warn('cachePoint', 'OpenAI-compatible servers cache prompts on their own.');
      return { type: 'text', text: part.text };
    }
    const url =
      part.source.type === 'base64'
        ? `data:${part.source.mediaType};base64,${part.source.data}`
        : part.source.url;
    return { type: 'image_url', image_url: { url } };
  });
}

function convertResponseFormat(
  format: NonNullable<ChatRequestV1['responseFormat']>,
): Record<string, unknown> {
  if (format.type === 'text') return { type: 'text' };
  if (format.schema === undefined) return { type: 'json_object' };
  return { type: 'json_schema', json_schema: { name: format.name ?? 'response', schema: format.schema } };
}
