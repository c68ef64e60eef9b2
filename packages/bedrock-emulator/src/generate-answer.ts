import { buildToolInput } from './build-tool-input.js';
import { composeReply, countTokens, seedOf, tokenize } from './deterministic-reply.js';

export interface ToolDefinition {
  name: string;
  inputSchema: unknown;
}

export type ToolChoice = { kind: 'auto' } | { kind: 'any' } | { kind: 'tool'; name: string };

/** A chat request in the emulator's own terms, whichever wire dialect it arrived in. */
export interface ChatInput {
  modelId: string;
  /** The text the answer responds to: the last user turn (or the last tool result). */
  prompt: string;
  system?: string;
  /** Every input text, for the input token count. */
  inputText: string;
  maxTokens?: number;
  stopSequences?: string[];
  tools?: ToolDefinition[];
  toolChoice?: ToolChoice;
  /** The last user turn carries tool results: answer in text. */
  answersToolResult?: boolean;
  reasoning?: 'signed' | 'unsigned';
  /** Claude prefaces a tool call with a sentence; other models call the tool directly. */
  prefaceToolUse?: boolean;
  replyTokens?: number;
}

export type AnswerBlock =
  | { type: 'text'; text: string }
  | { type: 'reasoning'; text: string; signature?: string }
  | { type: 'toolUse'; toolUseId: string; name: string; input: Record<string, unknown> };

export type StopReason = 'end_turn' | 'max_tokens' | 'stop_sequence' | 'tool_use';

export interface Answer {
  blocks: AnswerBlock[];
  stopReason: StopReason;
  stopSequence?: string;
  inputTokens: number;
  outputTokens: number;
}

/** The deterministic answer to a chat request: text, or a tool call when one is asked for. */
export function generateAnswer(input: ChatInput): Answer {
  const inputTokens = Math.max(
    1,
    countTokens(input.inputText) + (input.tools ? countTokens(JSON.stringify(input.tools)) : 0),
  );
  const blocks: AnswerBlock[] = [];
  if (input.reasoning) {
    const text = `Thinking about: ${tokenize(input.prompt).slice(0, 12).join('').trim()}. A short, deterministic answer fits.`;
    blocks.push(
      input.reasoning === 'signed'
        ? { type: 'reasoning', text, signature: Buffer.from(`sig-${seedOf(text)}`).toString('base64') }
        : { type: 'reasoning', text },
    );
  }
  const tool = chooseTool(input);
  if (tool) {
    // Claude explains itself before a tool call it chose; a forced call (any / tool) comes bare.
    if (input.prefaceToolUse && (input.toolChoice?.kind ?? 'auto') === 'auto')
      blocks.push({ type: 'text', text: `I'll use the ${tool.name} tool.` });
    const toolUseId = `tooluse_${base62(seedOf(input.modelId, input.prompt, tool.name), 22)}`;
    blocks.push({
      type: 'toolUse',
      toolUseId,
      name: tool.name,
      input: buildToolInput(tool.inputSchema, input.prompt),
    });
    return { blocks, stopReason: 'tool_use', inputTokens, outputTokens: outputTokensOf(blocks) };
  }

  const full = composeReply({
    modelId: input.modelId,
    prompt: input.prompt,
    ...(input.system === undefined ? {} : { system: input.system }),
    ...(input.replyTokens === undefined ? {} : { words: input.replyTokens }),
  });
  let text = full;
  let stopReason: StopReason = 'end_turn';
  let stopSequence: string | undefined;
  const stop = earliestStop(full, input.stopSequences ?? []);
  if (stop) {
    text = full.slice(0, stop.index);
    stopReason = 'stop_sequence';
    stopSequence = stop.sequence;
  }
  const tokens = tokenize(text);
  if (input.maxTokens !== undefined && tokens.length > input.maxTokens) {
    text = tokens.slice(0, Math.max(0, input.maxTokens)).join('');
    stopReason = 'max_tokens';
    stopSequence = undefined;
  }
  blocks.push({ type: 'text', text });
  return {
    blocks,
    stopReason,
    ...(stopSequence === undefined ? {} : { stopSequence }),
    inputTokens,
    outputTokens: outputTokensOf(blocks),
  };
}

function chooseTool(input: ChatInput): ToolDefinition | undefined {
  const tools = input.tools ?? [];
  if (tools.length === 0) return undefined;
  const choice = input.toolChoice ?? { kind: 'auto' };
  if (choice.kind === 'tool') return tools.find((tool) => tool.name === choice.name) ?? tools[0];
  if (choice.kind === 'any') return tools[0];
  if (input.answersToolResult) return undefined;
  const prompt = input.prompt.toLowerCase();
  const named = tools.find(
    (tool) =>
      prompt.includes(tool.name.toLowerCase()) || prompt.includes(tool.name.toLowerCase().replace(/_/g, ' ')),
  );
  if (named && /\b(use|call|invoke|run)\b/.test(prompt)) return named;
  if (/\b(use|call|invoke)\b[^.?!]*\btools?\b/.test(prompt)) return tools[0];
  return undefined;
}

function earliestStop(text: string, sequences: string[]): { index: number; sequence: string } | undefined {
  let best: { index: number; sequence: string } | undefined;
  for (const sequence of sequences) {
    if (sequence === '') continue;
    const index = text.indexOf(sequence);
    if (index >= 0 && (best === undefined || index < best.index)) best = { index, sequence };
  }
  return best;
}

function outputTokensOf(blocks: AnswerBlock[]): number {
  let total = 0;
  for (const block of blocks) {
    total += countTokens(block.type === 'toolUse' ? JSON.stringify(block.input) : block.text);
  }
  return Math.max(1, total);
}

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

export function base62(seed: number, length: number): string {
  let state = seed >>> 0 || 1;
  let result = '';
  for (let index = 0; index < length; index++) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    result += BASE62[state % 62];
  }
  return result;
}
