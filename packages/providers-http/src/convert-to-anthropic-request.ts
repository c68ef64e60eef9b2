import type { ChatRequestV1, MessageV1, WarningV1 } from '@llmrouter/core';

/** Anthropic requires max_tokens; this is used when the request gives none. */
export const ANTHROPIC_DEFAULT_MAX_TOKENS = 4096;

type AnthropicBlock = Record<string, unknown>;
interface AnthropicMessage {
  role: 'user' | 'assistant';
  content: AnthropicBlock[];
}

const EPHEMERAL = { type: 'ephemeral' } as const;

/** ChatRequestV1 → a Messages API body, with a warning for each setting it cannot carry. */
export function convertToAnthropicRequest(
  request: ChatRequestV1,
  options: { modelId: string; stream: boolean },
): { body: Record<string, unknown>; warnings: WarningV1[] } {
  const warnings: WarningV1[] = [];
  const system: AnthropicBlock[] = [];
  const messages: AnthropicMessage[] = [];
  // The API wants user and assistant turns to alternate, and tool results travel as user turns, so
  // consecutive blocks of one role are merged into one message.
  const append = (role: 'user' | 'assistant', blocks: AnthropicBlock[]): void => {
    const last = messages.at(-1);
    if (last?.role === role) last.content.push(...blocks);
    else messages.push({ role, content: blocks });
  };
  for (const message of request.messages) {
    if (message.role === 'system') {
      system.push({
        type: 'text',
        text: message.content,
        ...(message.cachePoint ? { cache_control: EPHEMERAL } : {}),
      });
      continue;
    }
    const converted = convertMessage(message, warnings);
    append(converted.role, converted.content);
  }
  const body: Record<string, unknown> = {
    model: options.modelId,
    max_tokens: request.maxTokens ?? ANTHROPIC_DEFAULT_MAX_TOKENS,
    messages,
  };
  if (system.length > 0) body.system = system;
  if (request.temperature !== undefined) body.temperature = request.temperature;
  if (request.topP !== undefined) body.top_p = request.topP;
  if (request.stop !== undefined && request.stop.length > 0) body.stop_sequences = request.stop;
  if (request.seed !== undefined) {
    warnings.push({ type: 'unsupported-setting', setting: 'seed', details: 'The Messages API has no seed.' });
  }
  if (request.responseFormat?.type === 'json') {
    warnings.push({
      type: 'unsupported-setting',
      setting: 'responseFormat',
      details: 'The Messages API has no JSON mode; ask for JSON in the prompt or force a tool.',
    });
  }
  if (request.tools !== undefined && request.tools.length > 0) {
    body.tools = request.tools.map((tool) => ({
      name: tool.name,
      ...(tool.description === undefined ? {} : { description: tool.description }),
      input_schema: tool.parameters,
    }));
  }
  if (request.toolChoice !== undefined) {
    const choice = request.toolChoice;
    body.tool_choice =
      typeof choice === 'object'
        ? { type: 'tool', name: choice.name }
        : { type: choice === 'required' ? 'any' : choice };
  }
  if (options.stream) body.stream = true;
  Object.assign(body, request.providerOptions?.anthropic);
  return { body, warnings };
}

function convertMessage(
  message: Exclude<MessageV1, { role: 'system' }>,
  warnings: WarningV1[],
): { role: 'user' | 'assistant'; content: AnthropicBlock[] } {
  switch (message.role) {
    case 'user':
      return {
        role: 'user',
        content: message.content.map((part) => {
          if (part.type === 'text') {
            return {
              type: 'text',
              text: part.text,
              ...(part.cachePoint ? { cache_control: EPHEMERAL } : {}),
            };
          }
          const source =
            part.source.type === 'base64'
              ? { type: 'base64', media_type: part.source.mediaType, data: part.source.data }
              : { type: 'url', url: part.source.url };
          return { type: 'image', source };
        }),
      };
    case 'assistant': {
      const content: AnthropicBlock[] = message.content
        .filter((part) => part.text.length > 0)
        .map((part) => ({
          type: 'text',
          text: part.text,
          ...(part.cachePoint ? { cache_control: EPHEMERAL } : {}),
        }));
      for (const call of message.toolCalls ?? []) {
        content.push({
          type: 'tool_use',
          id: call.id,
          name: call.name,
          input: parseArguments(call.arguments, warnings),
        });
      }
      return { role: 'assistant', content };
    }
    case 'tool':
      return {
        role: 'user',
        content: [
          {
            type: 'tool_result',
            tool_use_id: message.toolCallId,
            content: message.content,
            ...(message.isError ? { is_error: true } : {}),
          },
        ],
      };
  }
}

function parseArguments(text: string, warnings: WarningV1[]): unknown {
  try {
    const parsed: unknown = JSON.parse(text === '' ? '{}' : text);
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) return parsed;
  } catch {
    // Falls through to the warning: Anthropic only takes an object as tool input.
  }
  warnings.push({
    type: 'other',
    message: 'A tool call had arguments that are not a JSON object; sent as {}.',
  });
  return {};
}
