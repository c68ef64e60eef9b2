import type { FinishReasonV1, StreamPartV1, UsageV1 } from '@llmrouter/core';
import { LLMRouterError } from '@llmrouter/errors';
import { DeltaTemplate } from './delta-template';
import { type AnthropicUsage, mapAnthropicFinishReason, mapAnthropicUsage } from './map-anthropic-response';
import { mapStreamErrorPayload } from './map-stream-error';
import type { StreamContext } from './openai-stream-assembler';

type DeltaPart = Extract<StreamPartV1, { type: 'text-delta' | 'reasoning-delta' | 'tool-call-delta' }>;

/** A Messages stream event; only the fields we read. */
interface AnthropicEvent {
  type?: string;
  index?: number;
  message?: { id?: string; model?: string; usage?: AnthropicUsage };
  content_block?: { type?: string; id?: string; name?: string; text?: string; thinking?: string };
  delta?: {
    type?: string;
    text?: string;
    partial_json?: string;
    thinking?: string;
    stop_reason?: string | null;
  };
  usage?: AnthropicUsage;
  error?: unknown;
}

/** Reads the text of one kind of delta event, the only effect such an event has; undefined for any other. */
function deltaReader(type: 'text_delta' | 'thinking_delta', field: 'text' | 'thinking') {
  return (value: unknown): string | undefined => {
    if (typeof value !== 'object' || value === null) return undefined;
    const event = value as AnthropicEvent;
    if (event.type !== 'content_block_delta') return undefined;
    const delta = event.delta;
    if (typeof delta !== 'object' || delta === null || delta.type !== type) return undefined;
    const text = delta[field];
    return typeof text === 'string' ? text : undefined;
  };
}

const textDelta = deltaReader('text_delta', 'text');
const thinkingDelta = deltaReader('thinking_delta', 'thinking');

/**
 * Turns Messages API stream events (message_start, content_block_*, message_delta, message_stop, ping,
 * error) into stream parts. Tool-use blocks are numbered in order of appearance, so their deltas get
 * the tool-call index rather than the content-block index.
 */
export class AnthropicStreamAssembler {
  private stopped = false;
  private stopReason: string | null | undefined;
  private usage: AnthropicUsage = {};
  private messageId: string | undefined;
  private responseModel: string | undefined;
  private readonly tools = new Map<number, { index: number; argumentsLength: number }>();
  private readonly template = new DeltaTemplate('"text"', textDelta);
  // Extended thinking streams as many thinking deltas as text deltas, or more.
  private readonly thinkingTemplate = new DeltaTemplate('"thinking"', thinkingDelta);

  constructor(private readonly context: StreamContext) {}

  /** `message_stop` arrived (or at least the final message_delta with its stop reason). */
  get complete(): boolean {
    return this.stopped || (this.stopReason !== undefined && this.stopReason !== null);
  }

  push(data: string): readonly DeltaPart[] {
    // Most events are the previous text delta with other text: only that text is parsed.
    const text = this.template.read(data);
    if (text !== undefined) return text ? [{ type: 'text-delta', text }] : [];
    const thinking = this.thinkingTemplate.read(data);
    if (thinking !== undefined) return thinking ? [{ type: 'reasoning-delta', text: thinking }] : [];
    let event: AnthropicEvent;
    try {
      event = JSON.parse(data) as AnthropicEvent;
    } catch (cause) {
      throw new LLMRouterError({
        code: 'provider_response_invalid',
        message: `${this.context.displayName} sent a stream event that is not JSON: ${data.slice(0, 120)}`,
        hint: 'The server does not speak the Anthropic Messages streaming format; check base_url.',
        provider: this.context.provider,
        modelId: this.context.modelId,
        cause,
      });
    }
    switch (event.type) {
      case 'message_start':
        this.messageId = event.message?.id;
        this.responseModel = event.message?.model;
        this.mergeUsage(event.message?.usage);
        return [];
      case 'content_block_start':
        return this.blockStart(event);
      case 'content_block_delta':
        if (textDelta(event) !== undefined) this.template.learn(data);
        else if (thinkingDelta(event) !== undefined) this.thinkingTemplate.learn(data);
        return this.blockDelta(event);
      case 'content_block_stop': {
        const tool = this.tools.get(event.index ?? -1);
        // A tool called without arguments streams no JSON at all; callers still need an object.
        if (tool && tool.argumentsLength === 0) {
          tool.argumentsLength = 2;
          return [{ type: 'tool-call-delta', index: tool.index, argumentsDelta: '{}' }];
        }
        return [];
      }
      case 'message_delta':
        if (event.delta?.stop_reason !== undefined) this.stopReason = event.delta.stop_reason;
        this.mergeUsage(event.usage);
        return [];
      case 'message_stop':
        this.stopped = true;
        return [];
      case 'error':
        throw mapStreamErrorPayload(event.error ?? event, this.context);
      default:
        // `ping` and event types added later carry nothing we need.
        return [];
    }
  }

  finishReason(): FinishReasonV1 {
    return mapAnthropicFinishReason(this.stopReason);
  }

  finishUsage(): UsageV1 {
    return mapAnthropicUsage(this.usage);
  }

  metadata(): Record<string, unknown> {
    const metadata: Record<string, unknown> = {};
    if (this.messageId !== undefined) metadata.requestId = this.messageId;
    if (this.responseModel !== undefined) metadata.responseModel = this.responseModel;
    return metadata;
  }

  private blockStart(event: AnthropicEvent): DeltaPart[] {
    const block = event.content_block;
    if (block?.type === 'tool_use') {
      const index = this.tools.size;
      this.tools.set(event.index ?? index, { index, argumentsLength: 0 });
      return [
        {
          type: 'tool-call-delta',
          index,
          id: block.id ?? `toolu_${index}`,
          name: block.name ?? '',
          argumentsDelta: '',
        },
      ];
    }
    if (block?.type === 'text' && block.text) return [{ type: 'text-delta', text: block.text }];
    if (block?.type === 'thinking' && block.thinking)
      return [{ type: 'reasoning-delta', text: block.thinking }];
    return [];
  }

  private blockDelta(event: AnthropicEvent): DeltaPart[] {
    const delta = event.delta;
    switch (delta?.type) {
      case 'text_delta':
        return delta.text ? [{ type: 'text-delta', text: delta.text }] : [];
      case 'thinking_delta':
        return delta.thinking ? [{ type: 'reasoning-delta', text: delta.thinking }] : [];
      case 'input_json_delta': {
        const tool = this.tools.get(event.index ?? -1);
        if (!tool || !delta.partial_json) return [];
        tool.argumentsLength += delta.partial_json.length;
        return [{ type: 'tool-call-delta', index: tool.index, argumentsDelta: delta.partial_json }];
      }
      default:
        return [];
    }
  }

  // message_start carries the input counts, message_delta the cumulative output (and, lately, inputs).
  private mergeUsage(usage: AnthropicUsage | undefined): void {
    if (!usage) return;
    for (const [key, value] of Object.entries(usage) as Array<
      [keyof AnthropicUsage, number | null | undefined]
    >) {
      if (typeof value === 'number') this.usage[key] = value;
    }
  }
}
