import type { ChatRequestV1, MessageV1 } from '@llmrouter/core';
import { integerOption, numberOption, type OptionValues, stringOption } from './command-spec';

export interface RequestOptions {
  system?: string;
  temperature?: number;
  maxTokens?: number;
}

/** --system, --temperature and --max-tokens, checked once. */
export function requestOptions(values: OptionValues, command: string): RequestOptions {
  const system = stringOption(values, 'system');
  const temperature = numberOption(values, 'temperature', command, { min: 0, max: 2 });
  const maxTokens = integerOption(values, 'max-tokens', command, { min: 1, max: 1_000_000 });
  return {
    ...(system === undefined ? {} : { system }),
    ...(temperature === undefined ? {} : { temperature }),
    ...(maxTokens === undefined ? {} : { maxTokens }),
  };
}

export function userMessage(text: string): MessageV1 {
  return { role: 'user', content: [{ type: 'text', text }] };
}

export function chatRequest(history: MessageV1[], options: RequestOptions): ChatRequestV1 {
  const messages: MessageV1[] =
    options.system === undefined ? history : [{ role: 'system', content: options.system }, ...history];
  return {
    messages,
    ...(options.temperature === undefined ? {} : { temperature: options.temperature }),
    ...(options.maxTokens === undefined ? {} : { maxTokens: options.maxTokens }),
  };
}
