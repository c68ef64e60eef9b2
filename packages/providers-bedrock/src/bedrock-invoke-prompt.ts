import type { MessageV1, WarningV1 } from '@llmrouter/core';

export interface TextTurn {
  role: 'user' | 'assistant';
  text: string;
}

/**
 * Messages as plain text turns for the prompt-completion families (Llama, Mistral, Titan, DeepSeek,
 * Cohere): tool history becomes text, images a note and a warning, same-role turns merge.
 */
export function toTextTurns(
  messages: MessageV1[],
  warnings: WarningV1[],
): { system: string; turns: TextTurn[] } {
  const system: string[] = [];
  const turns: TextTurn[] = [];
  const push = (role: TextTurn['role'], text: string) => {
    if (text.trim() === '') return;
    const last = turns.at(-1);
    if (last?.role === role) last.text += `\n\n${text}`;
    else turns.push({ role, text });
  };
  for (const message of messages) {
    if (message.role === 'system') system.push(message.content);
    else if (message.role === 'tool') push('user', `[Tool result ${message.toolCallId}]: ${message.content}`);
    else if (message.role === 'assistant') {
      const calls = (message.toolCalls ?? []).map((call) => `[Called ${call.name} with ${call.arguments}]`);
      push('assistant', [...message.content.map((part) => part.text), ...calls].join('\n'));
    } else {
      const texts: string[] = [];
      for (const part of message.content) {
        if (part.type === 'text') texts.push(part.text);
        else if (
          !warnings.some((warning) => warning.type === 'unsupported-setting' && warning.setting === 'images')
        ) {
          warnings.push({
            type: 'unsupported-setting',
            setting: 'images',
            details: 'This InvokeModel family takes text only; images were left out.',
          });
        }
      }
      push('user', texts.join('\n'));
    }
  }
  return { system: system.filter((text) => text.trim() !== '').join('\n\n'), turns };
}

/** Llama 3 chat template, ending with an open assistant header. */
export function llamaPrompt(system: string, turns: TextTurn[]): string {
  let prompt = '<|begin_of_text|>';
  if (system) prompt += `<|start_header_id|>system<|end_header_id|>\n\n${system}<|eot_id|>`;
  for (const turn of turns)
    prompt += `<|start_header_id|>${turn.role}<|end_header_id|>\n\n${turn.text}<|eot_id|>`;
  return `${prompt}<|start_header_id|>assistant<|end_header_id|>\n\n`;
}

/** Mistral instruct template: the system prompt joins the first instruction. */
export function mistralPrompt(system: string, turns: TextTurn[]): string {
  let prompt = '<s>';
  let first = true;
  for (const turn of turns) {
    if (turn.role === 'user') {
      prompt += `[INST] ${first && system ? `${system}\n\n` : ''}${turn.text} [/INST]`;
      first = false;
    } else prompt += ` ${turn.text}</s>`;
  }
  return prompt;
}

/** Titan text: a transcript of User:/Bot: lines ending with an open Bot: line. */
export function titanPrompt(system: string, turns: TextTurn[]): string {
  const lines = turns.map((turn) => `${turn.role === 'user' ? 'User' : 'Bot'}: ${turn.text}`);
  return `${system ? `${system}\n\n` : ''}${lines.join('\n')}\nBot:`;
}

/** DeepSeek-R1 template; the model opens with its reasoning and closes it with </think>. */
export function deepseekPrompt(system: string, turns: TextTurn[]): string {
  let prompt = `<｜begin▁of▁sentence｜>${system}`;
  for (const turn of turns)
    prompt +=
      turn.role === 'user' ? `<｜User｜>${turn.text}` : `<｜Assistant｜>${turn.text}<｜end▁of▁sentence｜>`;
  return `${prompt}<｜Assistant｜><think>\n`;
}
