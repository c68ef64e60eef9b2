import type { ToolCallV1 } from '@llmrouter/core';
import type { InvokeFamily } from './bedrock-invoke-family';

type Json = Record<string, unknown>;

/** One step of an InvokeModel answer, whole or streamed, in family-neutral terms. */
export type InvokeDelta =
  | { type: 'text'; text: string }
  | { type: 'reasoning'; text: string }
  | { type: 'tool-start'; block: number; id: string; name: string }
  | { type: 'tool-args'; block: number; text: string }
  | { type: 'stop'; reason: string }
  | {
      type: 'usage';
      inputTokens?: number;
      outputTokens?: number;
      cacheReadTokens?: number;
      cacheWriteTokens?: number;
    };

export interface InvokeAnswer {
  text: string;
  reasoning: string;
  toolCalls: ToolCallV1[];
  stopReason: string | undefined;
  usage: { inputTokens?: number; outputTokens?: number; cacheReadTokens?: number; cacheWriteTokens?: number };
}

// Loose readers: vendor bodies change, and only the fields below matter.
const record = (value: unknown): Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : {};
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const count = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isFinite(value) ? value : undefined;

/** Splits DeepSeek-R1 output at `</think>`, across chunk boundaries. */
export class ThinkSplitter {
  private thinking = true;
  // The answer starts after the blank lines that follow `</think>`, which may come in later chunks.
  private answerStarted = false;
  private pending = '';
  push(piece: string): InvokeDelta[] {
    if (!this.thinking) return this.answer(piece);
    this.pending += piece;
    const end = this.pending.indexOf('</think>');
    if (end >= 0) {
      this.thinking = false;
      const reasoning = this.pending.slice(0, end);
      const rest = this.answer(this.pending.slice(end + '</think>'.length))[0]?.text ?? '';
      this.pending = '';
      return [
        ...(reasoning ? [{ type: 'reasoning' as const, text: reasoning }] : []),
        ...(rest ? [{ type: 'text' as const, text: rest }] : []),
      ];
    }
    // Hold back a tail that may be the start of `</think>`.
    let keep = 0;
    for (let length = Math.min(7, this.pending.length); length > 0; length -= 1) {
      if ('</think>'.startsWith(this.pending.slice(-length))) {
        keep = length;
        break;
      }
    }
    const out = this.pending.slice(0, this.pending.length - keep);
    this.pending = this.pending.slice(this.pending.length - keep);
    return out ? [{ type: 'reasoning', text: out }] : [];
  }
  private answer(piece: string): Array<{ type: 'text'; text: string }> {
    const text = this.answerStarted ? piece : piece.replace(/^\s+/, '');
    if (text) this.answerStarted = true;
    return text ? [{ type: 'text', text }] : [];
  }

  /** The model never closed its reasoning: what it wrote is the answer. */
  end(): InvokeDelta[] {
    const rest = this.pending;
    this.pending = '';
    return rest ? [{ type: this.thinking ? 'reasoning' : 'text', text: rest }] : [];
  }
}

/** The deltas of one streamed chunk (or, for whole answers, of the whole body). */
export function invokeDeltas(family: InvokeFamily, json: Json, think?: ThinkSplitter): InvokeDelta[] {
  const deltas: InvokeDelta[] = [];
  const metrics = record(json['amazon-bedrock-invocationMetrics']);
  if (metrics.inputTokenCount !== undefined || metrics.outputTokenCount !== undefined) {
    deltas.push({
      type: 'usage',
      ...defined({
        inputTokens: count(metrics.inputTokenCount),
        outputTokens: count(metrics.outputTokenCount),
        cacheReadTokens: count(metrics.cacheReadInputTokenCount),
        cacheWriteTokens: count(metrics.cacheWriteInputTokenCount),
      }),
    });
  }
  switch (family) {
    case 'anthropic':
      deltas.push(...anthropicDeltas(json));
      break;
    case 'nova':
      deltas.push(...novaDeltas(json));
      break;
    case 'titan-text': {
      // A whole answer nests its text in results[0]; a streamed chunk has it at the top.
      const result = record(list(json.results)[0]);
      const piece = text(json.outputText) ?? text(result.outputText);
      if (piece) deltas.push({ type: 'text', text: piece });
      const reason = text(json.completionReason) ?? text(result.completionReason);
      if (reason) deltas.push({ type: 'stop', reason });
      pushUsage(
        deltas,
        count(json.inputTextTokenCount),
        count(json.totalOutputTextTokenCount) ?? count(result.tokenCount),
      );
      break;
    }
    case 'llama': {
      const piece = text(json.generation);
      if (piece) deltas.push({ type: 'text', text: piece });
      if (text(json.stop_reason)) deltas.push({ type: 'stop', reason: String(json.stop_reason) });
      pushUsage(deltas, count(json.prompt_token_count), count(json.generation_token_count));
      break;
    }
    case 'mistral': {
      const output = record(list(json.outputs)[0]);
      if (text(output.text)) deltas.push({ type: 'text', text: String(output.text) });
      if (text(output.stop_reason)) deltas.push({ type: 'stop', reason: String(output.stop_reason) });
      break;
    }
    case 'cohere-command':
      if (json.event_type === undefined || json.event_type === 'text-generation') {
        if (text(json.text)) deltas.push({ type: 'text', text: String(json.text) });
      }
      if (text(json.finish_reason)) deltas.push({ type: 'stop', reason: String(json.finish_reason) });
      break;
    case 'deepseek': {
      const choice = record(list(json.choices)[0]);
      const piece = text(choice.text) ?? '';
      deltas.push(...(think ? think.push(piece) : splitWhole(piece)));
      if (text(choice.stop_reason)) deltas.push({ type: 'stop', reason: String(choice.stop_reason) });
      break;
    }
    case 'openai-chat': {
      const choice = record(list(json.choices)[0]);
      const message = record(choice.delta ?? choice.message);
      if (text(message.reasoning_content))
        deltas.push({ type: 'reasoning', text: String(message.reasoning_content) });
      if (text(message.content)) deltas.push({ type: 'text', text: String(message.content) });
      if (text(choice.finish_reason)) deltas.push({ type: 'stop', reason: String(choice.finish_reason) });
      const usage = record(json.usage);
      pushUsage(deltas, count(usage.prompt_tokens), count(usage.completion_tokens));
      break;
    }
    default:
      break;
  }
  return deltas;
}

function splitWhole(piece: string): InvokeDelta[] {
  const splitter = new ThinkSplitter();
  const deltas = splitter.push(piece);
  // A whole answer without `</think>` has no reasoning part.
  if (!piece.includes('</think>')) return piece ? [{ type: 'text', text: piece }] : [];
  return [...deltas, ...splitter.end()];
}

function pushUsage(
  deltas: InvokeDelta[],
  inputTokens: number | undefined,
  outputTokens: number | undefined,
): void {
  if (inputTokens !== undefined || outputTokens !== undefined)
    deltas.push({ type: 'usage', ...defined({ inputTokens, outputTokens }) });
}

function defined<T extends Record<string, number | undefined>>(fields: T): { [K in keyof T]?: number } {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as {
    [K in keyof T]?: number;
  };
}

function anthropicDeltas(json: Json): InvokeDelta[] {
  const deltas: InvokeDelta[] = [];
  const usageOf = (usage: Json) => pushAnthropicUsage(deltas, usage);
  if (Array.isArray(json.content)) {
    // A whole Messages response.
    json.content.forEach((raw, block) => {
      const part = record(raw);
      if (part.type === 'text' && text(part.text)) deltas.push({ type: 'text', text: String(part.text) });
      else if (part.type === 'thinking' && text(part.thinking))
        deltas.push({ type: 'reasoning', text: String(part.thinking) });
      else if (part.type === 'tool_use') {
        deltas.push({
          type: 'tool-start',
          block,
          id: String(part.id ?? `call_${block}`),
          name: String(part.name ?? ''),
        });
        deltas.push({ type: 'tool-args', block, text: JSON.stringify(part.input ?? {}) });
      }
    });
    if (text(json.stop_reason)) deltas.push({ type: 'stop', reason: String(json.stop_reason) });
    usageOf(record(json.usage));
    return deltas;
  }
  const block = count(json.index) ?? 0;
  switch (json.type) {
    case 'message_start':
      usageOf(record(record(json.message).usage));
      break;
    case 'content_block_start': {
      const start = record(json.content_block);
      if (start.type === 'tool_use')
        deltas.push({
          type: 'tool-start',
          block,
          id: String(start.id ?? `call_${block}`),
          name: String(start.name ?? ''),
        });
      break;
    }
    case 'content_block_delta': {
      const delta = record(json.delta);
      if (delta.type === 'text_delta' && text(delta.text))
        deltas.push({ type: 'text', text: String(delta.text) });
      else if (delta.type === 'input_json_delta' && text(delta.partial_json))
        deltas.push({ type: 'tool-args', block, text: String(delta.partial_json) });
      else if (delta.type === 'thinking_delta' && text(delta.thinking))
        deltas.push({ type: 'reasoning', text: String(delta.thinking) });
      break;
    }
    case 'message_delta':
      if (text(record(json.delta).stop_reason))
        deltas.push({ type: 'stop', reason: String(record(json.delta).stop_reason) });
      usageOf(record(json.usage));
      break;
    default:
      break;
  }
  return deltas;
}

function pushAnthropicUsage(deltas: InvokeDelta[], usage: Json): void {
  const fields = defined({
    inputTokens: count(usage.input_tokens),
    outputTokens: count(usage.output_tokens),
    cacheReadTokens: count(usage.cache_read_input_tokens),
    cacheWriteTokens: count(usage.cache_creation_input_tokens),
  });
  if (Object.keys(fields).length > 0) deltas.push({ type: 'usage', ...fields });
}

function novaDeltas(json: Json): InvokeDelta[] {
  const deltas: InvokeDelta[] = [];
  const message = record(record(json.output).message);
  if (Array.isArray(message.content)) {
    message.content.forEach((raw, block) => {
      const part = record(raw);
      if (text(part.text)) deltas.push({ type: 'text', text: String(part.text) });
      const toolUse = record(part.toolUse);
      if (toolUse.name !== undefined) {
        deltas.push({
          type: 'tool-start',
          block,
          id: String(toolUse.toolUseId ?? `call_${block}`),
          name: String(toolUse.name),
        });
        deltas.push({ type: 'tool-args', block, text: JSON.stringify(toolUse.input ?? {}) });
      }
    });
  }
  const blockStart = record(json.contentBlockStart);
  const startTool = record(record(blockStart.start).toolUse);
  if (startTool.name !== undefined)
    deltas.push({
      type: 'tool-start',
      block: count(blockStart.contentBlockIndex) ?? 0,
      id: String(startTool.toolUseId ?? ''),
      name: String(startTool.name),
    });
  const blockDelta = record(json.contentBlockDelta);
  const delta = record(blockDelta.delta);
  if (text(delta.text)) deltas.push({ type: 'text', text: String(delta.text) });
  if (text(record(delta.toolUse).input))
    deltas.push({
      type: 'tool-args',
      block: count(blockDelta.contentBlockIndex) ?? 0,
      text: String(record(delta.toolUse).input),
    });
  if (text(record(delta.reasoningContent).text))
    deltas.push({ type: 'reasoning', text: String(record(delta.reasoningContent).text) });
  const stop = text(json.stopReason) ?? text(record(json.messageStop).stopReason);
  if (stop) deltas.push({ type: 'stop', reason: stop });
  const usage = record(json.usage ?? record(json.metadata).usage);
  const fields = defined({
    inputTokens: count(usage.inputTokens),
    outputTokens: count(usage.outputTokens),
    cacheReadTokens: count(usage.cacheReadInputTokenCount),
    cacheWriteTokens: count(usage.cacheWriteInputTokenCount),
  });
  if (Object.keys(fields).length > 0) deltas.push({ type: 'usage', ...fields });
  return deltas;
}

/** Folds a whole answer's deltas into text, tool calls, stop reason and usage. */
export function collectInvokeAnswer(deltas: InvokeDelta[]): InvokeAnswer {
  const answer: InvokeAnswer = { text: '', reasoning: '', toolCalls: [], stopReason: undefined, usage: {} };
  const calls = new Map<number, ToolCallV1>();
  for (const delta of deltas) {
    if (delta.type === 'text') answer.text += delta.text;
    else if (delta.type === 'reasoning') answer.reasoning += delta.text;
    else if (delta.type === 'tool-start')
      calls.set(delta.block, { id: delta.id, name: delta.name, arguments: '' });
    else if (delta.type === 'tool-args') {
      const call = calls.get(delta.block);
      if (call) call.arguments += delta.text;
    } else if (delta.type === 'stop') answer.stopReason = delta.reason;
    else {
      const { type: _type, ...usage } = delta;
      answer.usage = { ...answer.usage, ...usage };
    }
  }
  answer.toolCalls = [...calls.values()].map((call) => ({ ...call, arguments: call.arguments || '{}' }));
  return answer;
}
