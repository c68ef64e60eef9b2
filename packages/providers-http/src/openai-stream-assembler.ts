import type { FinishReasonV1, StreamPartV1, UsageV1 } from '@llmrouter/core';
import { LLMRouterError } from '@llmrouter/errors';
import { DeltaTemplate } from './delta-template';
import { mapOpenAIFinishReason, mapOpenAIUsage, type OpenAIUsage } from './map-openai-response';
import { mapStreamErrorPayload } from './map-stream-error';

/** A `chat.completion.chunk`; only the fields we read. */
interface OpenAIChunk {
  id?: string;
  model?: string;
  system_fingerprint?: string;
  choices?: Array<{
    index?: number;
    delta?: {
      content?: string | null;
      reasoning_content?: string | null;
      reasoning?: string | null;
      tool_calls?: Array<{
        index?: number;
        id?: string | null;
        function?: { name?: string | null; arguments?: string | null } | null;
      }> | null;
    } | null;
    finish_reason?: string | null;
  }>;
  usage?: OpenAIUsage | null;
  error?: unknown;
}

type DeltaPart = Extract<StreamPartV1, { type: 'text-delta' | 'reasoning-delta' | 'tool-call-delta' }>;

/**
 * The content of a chunk whose only effect is that text (one choice, no reasoning, tool calls, finish,
 * usage or error); its id and model were already noted from the chunk the template came from.
 */
function plainTextContent(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const chunk = value as OpenAIChunk;
  if ((chunk.error !== undefined && chunk.error !== null) || chunk.usage) return undefined;
  const choices = chunk.choices;
  if (!Array.isArray(choices) || choices.length !== 1) return undefined;
  const choice = choices[0];
  const delta = choice?.delta;
  if (typeof delta !== 'object' || delta === null || choice?.finish_reason || delta.tool_calls)
    return undefined;
  const reasoning = delta.reasoning_content ?? delta.reasoning;
  if (typeof reasoning === 'string' && reasoning.length > 0) return undefined;
  return typeof delta.content === 'string' ? delta.content : undefined;
}

/** Returned for events without deltas; shared, so the hot path allocates nothing for them. */
const NO_PARTS: readonly DeltaPart[] = Object.freeze([]);

interface Slot {
  index: number;
  id: string;
  /** False when the id was invented, so a later real id does not open a new call. */
  fromServer: boolean;
}

export interface StreamContext {
  provider: string;
  displayName: string;
  modelId: string;
}

/**
 * Turns the `data:` payloads of an OpenAI chat-completions stream into stream parts. It tracks whether
 * the stream ended properly (`[DONE]` or a finish reason), so an early EOF can be reported as an
 * interruption rather than a normal finish.
 */
export class OpenAIStreamAssembler {
  done = false;
  private finishReasonRaw: string | null | undefined;
  private usage: OpenAIUsage | null | undefined;
  private responseId: string | undefined;
  private responseModel: string | undefined;
  private readonly slots = new Map<number, Slot>();
  private nextSlot = 0;
  // OpenAI pads every chunk with an `obfuscation` string of random length (stream_options.include_obfuscation).
  private readonly template = new DeltaTemplate('"content"', plainTextContent, '"obfuscation"');

  constructor(private readonly context: StreamContext) {}

  /** True when the upstream said it was finished, so EOF now is a normal end. */
  get complete(): boolean {
    return this.done || (this.finishReasonRaw !== undefined && this.finishReasonRaw !== null);
  }

  push(data: string, event?: string): readonly DeltaPart[] {
    if (this.done) return NO_PARTS;
    // The length check keeps trim() off the hot path: every other event is a JSON object.
    if (data.length < 16 && data.trim() === '[DONE]') {
      this.done = true;
      return NO_PARTS;
    }
    if (event !== 'error') {
      // Most chunks are the previous chunk with other text: only that text is parsed.
      const text = this.template.read(data);
      if (text !== undefined) return text.length > 0 ? [{ type: 'text-delta', text }] : NO_PARTS;
    }
    let chunk: OpenAIChunk;
    try {
      chunk = JSON.parse(data) as OpenAIChunk;
    } catch (cause) {
      throw new LLMRouterError({
        code: 'provider_response_invalid',
        message: `${this.context.displayName} sent a stream event that is not JSON: ${data.slice(0, 120)}`,
        hint: 'The server does not speak the OpenAI streaming format; check base_url and chat_path.',
        provider: this.context.provider,
        modelId: this.context.modelId,
        cause,
      });
    }
    if (event === 'error' || (chunk.error !== undefined && chunk.error !== null)) {
      throw mapStreamErrorPayload(chunk.error ?? chunk, this.context);
    }
    if (typeof chunk.id === 'string' && chunk.id) this.responseId ??= chunk.id;
    if (typeof chunk.model === 'string' && chunk.model) this.responseModel ??= chunk.model;
    if (chunk.usage) this.usage = chunk.usage;
    const choices = chunk.choices;
    // Servers send one choice; find() only runs for the rare n > 1 answer.
    const choice = choices?.length === 1 ? choices[0] : choices?.find((item) => (item.index ?? 0) === 0);
    if (!choice) return NO_PARTS;
    const parts: DeltaPart[] = [];
    const delta = choice.delta;
    const reasoning = delta?.reasoning_content ?? delta?.reasoning;
    if (typeof reasoning === 'string' && reasoning.length > 0)
      parts.push({ type: 'reasoning-delta', text: reasoning });
    if (typeof delta?.content === 'string' && delta.content.length > 0) {
      parts.push({ type: 'text-delta', text: delta.content });
    }
    const calls = delta?.tool_calls;
    if (calls)
      for (let position = 0; position < calls.length; position++)
        parts.push(this.toolDelta(calls[position]!, position));
    if (choice.finish_reason) this.finishReasonRaw = choice.finish_reason;
    else if (plainTextContent(chunk) !== undefined) this.template.learn(data);
    return parts;
  }

  finishReason(): FinishReasonV1 {
    return mapOpenAIFinishReason(this.finishReasonRaw, this.slots.size > 0);
  }

  finishUsage(): UsageV1 {
    return mapOpenAIUsage(this.usage);
  }

  metadata(): Record<string, unknown> {
    const metadata: Record<string, unknown> = {};
    if (this.responseId !== undefined) metadata.requestId = this.responseId;
    if (this.responseModel !== undefined) metadata.responseModel = this.responseModel;
    return metadata;
  }

  /**
   * Ollama reuses index 0 for every call of a parallel batch and tells them apart by id, so a new id at
   * a known index opens a new slot. A missing id is invented: callers need one to answer the call.
   */
  private toolDelta(
    call: NonNullable<
      NonNullable<NonNullable<OpenAIChunk['choices']>[number]['delta']>['tool_calls']
    >[number],
    position: number,
  ): DeltaPart {
    const rawIndex = call.index ?? position;
    let slot = this.slots.get(rawIndex);
    const id = call.id || undefined;
    const opensNew = slot === undefined || (id !== undefined && slot.fromServer && id !== slot.id);
    if (opensNew) {
      const index = this.nextSlot++;
      slot = {
        index,
        id: id ?? `call_${this.responseId ?? 'stream'}_${index}`,
        fromServer: id !== undefined,
      };
      this.slots.set(rawIndex, slot);
    }
    const current = slot as Slot;
    const part: DeltaPart = {
      type: 'tool-call-delta',
      index: current.index,
      argumentsDelta: call.function?.arguments ?? '',
    };
    if (opensNew) {
      part.id = current.id;
      part.name = call.function?.name ?? '';
    }
    return part;
  }
}
