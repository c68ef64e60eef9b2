import type { ChatRequestV1, MessageV1, WarningV1 } from '@llmrouter/core';
import type { InvokeFamily } from './bedrock-invoke-family';
import {
  deepseekPrompt,
  llamaPrompt,
  mistralPrompt,
  titanPrompt,
  toTextTurns,
} from './bedrock-invoke-prompt';

type Body = Record<string, unknown>;

function defined(fields: Body): Body {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
}

function unsupported(warnings: WarningV1[], setting: string, family: string): void {
  warnings.push({
    type: 'unsupported-setting',
    setting,
    details: `The ${family} InvokeModel body has no ${setting}; it was not sent.`,
  });
}

function stopList(request: ChatRequestV1): string[] | undefined {
  return request.stop && request.stop.length > 0 ? request.stop : undefined;
}

/** Anthropic Messages on Bedrock: tools, images and tool results keep their native shapes. */
function anthropicMessages(messages: MessageV1[]): { system?: string; messages: Body[] } {
  const system: string[] = [];
  const turns: Array<{ role: 'user' | 'assistant'; content: Body[] }> = [];
  const push = (role: 'user' | 'assistant', content: Body[]) => {
    if (content.length === 0) return;
    const last = turns.at(-1);
    if (last?.role === role) last.content.push(...content);
    else turns.push({ role, content });
  };
  for (const message of messages) {
    if (message.role === 'system') {
      if (message.content.trim()) system.push(message.content);
    } else if (message.role === 'tool') {
      push('user', [
        {
          type: 'tool_result',
          tool_use_id: message.toolCallId,
          content: message.content,
          ...(message.isError ? { is_error: true } : {}),
        },
      ]);
    } else if (message.role === 'assistant') {
      const content: Body[] = message.content
        .filter((part) => part.text.trim())
        .map((part) => ({ type: 'text', text: part.text }));
      for (const call of message.toolCalls ?? [])
        content.push({ type: 'tool_use', id: call.id, name: call.name, input: safeJson(call.arguments) });
      push('assistant', content);
    } else {
      push(
        'user',
        message.content.flatMap((part): Body[] => {
          if (part.type === 'text') return part.text.trim() ? [{ type: 'text', text: part.text }] : [];
          if (part.source.type === 'base64')
            return [
              {
                type: 'image',
                source: { type: 'base64', media_type: part.source.mediaType, data: part.source.data },
              },
            ];
          const match = /^data:([^;,]+);base64,(.*)$/s.exec(part.source.url);
          return match
            ? [{ type: 'image', source: { type: 'base64', media_type: match[1], data: match[2] } }]
            : [{ type: 'text', text: `[image: ${part.source.url}]` }];
        }),
      );
    }
  }
  return { ...(system.length > 0 ? { system: system.join('\n\n') } : {}), messages: turns };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text || '{}');
  } catch {
    return { arguments: text };
  }
}

function anthropicBody(request: ChatRequestV1): Body {
  const body: Body = {
    anthropic_version: 'bedrock-2023-05-31',
    // Required by the Messages API; 4096 is what every Claude on Bedrock accepts.
    max_tokens: request.maxTokens ?? 4096,
    ...anthropicMessages(request.messages),
    ...defined({ temperature: request.temperature, top_p: request.topP, stop_sequences: stopList(request) }),
  };
  if (request.tools && request.tools.length > 0 && request.toolChoice !== 'none') {
    body.tools = request.tools.map((tool) =>
      defined({ name: tool.name, description: tool.description, input_schema: tool.parameters }),
    );
    const choice = request.toolChoice;
    if (choice === 'required') body.tool_choice = { type: 'any' };
    else if (typeof choice === 'object') body.tool_choice = { type: 'tool', name: choice.name };
  }
  return body;
}

/** The InvokeModel body for a chat request in the model family's own dialect. */
export function buildInvokeBody(
  family: InvokeFamily,
  request: ChatRequestV1,
  warnings: WarningV1[],
  extra: Body | undefined,
): Body {
  const toolsAllowed = family === 'anthropic';
  if (!toolsAllowed && request.tools && request.tools.length > 0) unsupported(warnings, 'tools', family);
  let body: Body;
  if (family === 'anthropic') body = anthropicBody(request);
  else if (family === 'openai-chat') {
    const { system, turns } = toTextTurns(request.messages, warnings);
    const messages = [
      ...(system ? [{ role: 'system', content: system }] : []),
      ...turns.map((turn) => ({ role: turn.role, content: turn.text })),
    ];
    body = {
      messages,
      ...defined({
        max_tokens: request.maxTokens,
        temperature: request.temperature,
        top_p: request.topP,
        stop: stopList(request),
      }),
    };
  } else {
    const { system, turns } = toTextTurns(request.messages, warnings);
    switch (family) {
      case 'nova':
        body = defined({
          schemaVersion: 'messages-v1',
          system: system ? [{ text: system }] : undefined,
          messages: turns.map((turn) => ({ role: turn.role, content: [{ text: turn.text }] })),
          inferenceConfig: defined({
            max_new_tokens: request.maxTokens,
            temperature: request.temperature,
            top_p: request.topP,
            stopSequences: stopList(request),
          }),
        });
        break;
      case 'titan-text':
        body = {
          inputText: titanPrompt(system, turns),
          textGenerationConfig: defined({
            maxTokenCount: request.maxTokens,
            temperature: request.temperature,
            topP: request.topP,
            stopSequences: stopList(request),
          }),
        };
        break;
      case 'llama':
        if (stopList(request)) unsupported(warnings, 'stop', family);
        body = {
          prompt: llamaPrompt(system, turns),
          ...defined({
            max_gen_len: request.maxTokens,
            temperature: request.temperature,
            top_p: request.topP,
          }),
        };
        break;
      case 'mistral':
        body = {
          prompt: mistralPrompt(system, turns),
          ...defined({
            max_tokens: request.maxTokens,
            temperature: request.temperature,
            top_p: request.topP,
            stop: stopList(request),
          }),
        };
        break;
      case 'deepseek':
        body = {
          prompt: deepseekPrompt(system, turns),
          ...defined({
            max_tokens: request.maxTokens,
            temperature: request.temperature,
            top_p: request.topP,
            stop: stopList(request),
          }),
        };
        break;
      case 'cohere-command': {
        const last = turns.at(-1);
        const history = last?.role === 'user' ? turns.slice(0, -1) : turns;
        body = defined({
          message: last?.role === 'user' ? last.text : '',
          chat_history:
            history.length > 0
              ? history.map((turn) => ({
                  role: turn.role === 'user' ? 'USER' : 'CHATBOT',
                  message: turn.text,
                }))
              : undefined,
          preamble: system || undefined,
          max_tokens: request.maxTokens,
          temperature: request.temperature,
          p: request.topP,
          stop_sequences: stopList(request),
        });
        break;
      }
      default:
        throw new Error(`No chat body for the ${family} family.`);
    }
  }
  return extra ? { ...body, ...extra } : body;
}
