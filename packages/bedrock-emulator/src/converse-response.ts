import { tokenize } from './deterministic-reply.js';
import type { Answer, AnswerBlock } from './generate-answer.js';

export interface ConverseUsage {
  inputTokens: number;
  outputTokens: number;
  totalTokens: number;
  cacheReadInputTokens?: number;
  cacheWriteInputTokens?: number;
}

export interface CacheUse {
  read: number;
  write: number;
}

/** Usage as Bedrock reports it: cached prompt tokens are counted apart from `inputTokens`. */
export function converseUsage(answer: Answer, cache?: CacheUse): ConverseUsage {
  const cached = cache ? cache.read + cache.write : 0;
  const inputTokens = Math.max(0, answer.inputTokens - cached);
  const usage: ConverseUsage = {
    inputTokens,
    outputTokens: answer.outputTokens,
    totalTokens: inputTokens + answer.outputTokens + cached,
  };
  if (cache) {
    usage.cacheReadInputTokens = cache.read;
    usage.cacheWriteInputTokens = cache.write;
  }
  return usage;
}

function contentBlock(block: AnswerBlock): Record<string, unknown> {
  switch (block.type) {
    case 'text':
      return { text: block.text };
    case 'reasoning':
      return {
        reasoningContent: {
          reasoningText:
            block.signature === undefined
              ? { text: block.text }
              : { text: block.text, signature: block.signature },
        },
      };
    case 'toolUse':
      return { toolUse: { toolUseId: block.toolUseId, name: block.name, input: block.input } };
  }
}

/** The Converse response body. */
export function converseResponseBody(answer: Answer, usage: ConverseUsage, latencyMs: number): unknown {
  return {
    output: { message: { role: 'assistant', content: answer.blocks.map(contentBlock) } },
    stopReason: answer.stopReason,
    usage,
    metrics: { latencyMs },
  };
}

/** One ConverseStream event: its `:event-type` and JSON payload. `delta` marks events that carry content. */
export interface StreamEvent {
  eventType: string;
  payload: Record<string, unknown>;
  delta?: boolean;
}

/**
 * ConverseStream events in Bedrock's order: messageStart; per block an optional contentBlockStart (tool
 * use only), deltas and contentBlockStop; messageStop; metadata. The metadata event is built late so it
 * can carry the real latency.
 */
export function converseStreamEvents(answer: Answer): StreamEvent[] {
  const events: StreamEvent[] = [{ eventType: 'messageStart', payload: { role: 'assistant' } }];
  answer.blocks.forEach((block, contentBlockIndex) => {
    if (block.type === 'toolUse') {
      events.push({
        eventType: 'contentBlockStart',
        payload: { contentBlockIndex, start: { toolUse: { toolUseId: block.toolUseId, name: block.name } } },
      });
      for (const piece of splitJson(JSON.stringify(block.input))) {
        events.push(deltaEvent(contentBlockIndex, { toolUse: { input: piece } }));
      }
    } else if (block.type === 'reasoning') {
      for (const token of tokenize(block.text)) {
        events.push(deltaEvent(contentBlockIndex, { reasoningContent: { text: token } }));
      }
      if (block.signature !== undefined) {
        events.push(deltaEvent(contentBlockIndex, { reasoningContent: { signature: block.signature } }));
      }
    } else {
      const tokens = tokenize(block.text);
      // Leading whitespace of the first token stays with it, so deltas concatenate to the exact text.
      const pieces = tokens.length > 0 ? tokens : [block.text];
      if (tokens.length > 0) pieces[pieces.length - 1] += block.text.slice(tokens.join('').length);
      for (const token of pieces) events.push(deltaEvent(contentBlockIndex, { text: token }));
    }
    events.push({ eventType: 'contentBlockStop', payload: { contentBlockIndex } });
  });
  events.push({ eventType: 'messageStop', payload: { stopReason: answer.stopReason } });
  return events;
}

function deltaEvent(contentBlockIndex: number, delta: Record<string, unknown>): StreamEvent {
  return { eventType: 'contentBlockDelta', payload: { contentBlockIndex, delta }, delta: true };
}

/** Tool input arrives as JSON text in a few pieces, like the real service sends it. */
function splitJson(json: string): string[] {
  const size = Math.max(8, Math.ceil(json.length / 3));
  const pieces: string[] = [];
  for (let start = 0; start < json.length; start += size) pieces.push(json.slice(start, start + size));
  return pieces.length > 0 ? pieces : ['{}'];
}
