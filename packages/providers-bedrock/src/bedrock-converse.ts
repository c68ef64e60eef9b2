import type {
  ConverseCommandOutput,
  ConverseStreamCommandOutput,
  ConverseStreamOutput,
} from '@aws-sdk/client-bedrock-runtime';
import {
  type ChatResultV1,
  computeCost,
  type StreamPartV1,
  type ToolCallV1,
  type WarningV1,
} from '@llmrouter/core';
import { type BedrockCall, bedrockMetadata } from './bedrock-call';
import { bedrockStreamCutOff, bedrockStreamException } from './bedrock-stream-exception';
import { mapBedrockUsage } from './bedrock-usage';
import { mapBedrockFinishReason } from './map-bedrock-finish-reason';
import type { BedrockConverseInput } from './prepare-bedrock-converse';

export async function converseGenerate(
  call: BedrockCall,
  input: BedrockConverseInput,
  warnings: WarningV1[],
): Promise<ChatResultV1> {
  try {
    const runtime = await call.open();
    const sent = await call.send<ConverseCommandOutput>(
      (modelId) => new runtime.sdk.ConverseCommand({ ...input, modelId }),
    );
    call.deadline!.firstByte();
    const { output } = sent;
    let text = '';
    let reasoning = '';
    const toolCalls: ToolCallV1[] = [];
    for (const block of output.output?.message?.content ?? []) {
      if (block.text !== undefined) text += block.text;
      else if (block.toolUse)
        toolCalls.push({
          id: block.toolUse.toolUseId ?? `call_${toolCalls.length}`,
          name: block.toolUse.name ?? '',
          arguments: JSON.stringify(block.toolUse.input ?? {}),
        });
      else if (block.reasoningContent?.reasoningText?.text)
        reasoning += block.reasoningContent.reasoningText.text;
    }
    const usage = mapBedrockUsage(output.usage);
    const latencyMs = call.elapsed();
    const requestId = output.$metadata.requestId;
    const result: ChatResultV1 = {
      text,
      toolCalls,
      finishReason: mapBedrockFinishReason(output.stopReason),
      usage,
      latencyMs,
      modelId: sent.modelId,
      providerMetadata: {
        bedrock: {
          ...bedrockMetadata(call, sent, requestId),
          stopReason: output.stopReason,
          serverLatencyMs: output.metrics?.latencyMs,
        },
      },
      warnings,
    };
    if (reasoning) result.reasoning = reasoning;
    const model = call.context.catalog;
    const cost = model ? computeCost(usage, model) : undefined;
    if (cost) result.cost = cost;
    call.log({ modelId: sent.modelId, usage, latencyMs, requestId });
    return result;
  } catch (error) {
    throw call.fail(error, 'request');
  } finally {
    call.close();
  }
}

export async function* converseStream(
  call: BedrockCall,
  prepare: () => BedrockConverseInput,
  warnings: WarningV1[],
): AsyncGenerator<StreamPartV1> {
  let phase: 'request' | 'stream' = 'request';
  let iterator: AsyncIterator<ConverseStreamOutput> | undefined;
  let finished = false;
  try {
    const input = prepare();
    const runtime = await call.open();
    const sent = await call.send<ConverseStreamCommandOutput>(
      (modelId) => new runtime.sdk.ConverseStreamCommand({ ...input, modelId }),
    );
    const requestId = sent.output.$metadata.requestId;
    const stream = sent.output.stream;
    if (!stream)
      throw Object.assign(new Error('ConverseStream answered without an event stream.'), {
        name: 'ModelStreamErrorException',
      });
    iterator = stream[Symbol.asyncIterator]();
    // Wait for the first event so a model that fails at once rejects the first next(), before `start`.
    let next = await iterator.next();
    call.deadline!.firstByte();
    const metadata = bedrockMetadata(call, sent, requestId);
    yield { type: 'start', modelId: sent.modelId, warnings, providerMetadata: { bedrock: metadata } };
    phase = 'stream';
    const toolIndexes = new Map<number, { index: number; length: number }>();
    let toolCount = 0;
    let stopReason: string | undefined;
    let usageEvent: ConverseStreamOutput.MetadataMember['metadata'] | undefined;
    let firstTokenMs: number | undefined;
    for (; !next.done; next = await iterator.next()) {
      const event = next.value;
      const delta = event.contentBlockDelta?.delta;
      if (delta) {
        firstTokenMs ??= call.elapsed();
        if (delta.text !== undefined) {
          if (delta.text) yield { type: 'text-delta', text: delta.text };
        } else if (delta.toolUse) {
          const tool = toolIndexes.get(event.contentBlockDelta?.contentBlockIndex ?? -1);
          if (tool && delta.toolUse.input) {
            tool.length += delta.toolUse.input.length;
            yield { type: 'tool-call-delta', index: tool.index, argumentsDelta: delta.toolUse.input };
          }
        } else if (delta.reasoningContent?.text) {
          yield { type: 'reasoning-delta', text: delta.reasoningContent.text };
        }
      } else if (event.contentBlockStart?.start?.toolUse) {
        firstTokenMs ??= call.elapsed();
        const { toolUseId, name } = event.contentBlockStart.start.toolUse;
        const index = toolCount++;
        toolIndexes.set(event.contentBlockStart.contentBlockIndex ?? -1, { index, length: 0 });
        yield {
          type: 'tool-call-delta',
          index,
          id: toolUseId ?? `call_${index}`,
          name: name ?? '',
          argumentsDelta: '',
        };
      } else if (event.contentBlockStop) {
        const tool = toolIndexes.get(event.contentBlockStop.contentBlockIndex ?? -1);
        // A tool called without arguments streams no input; the spec promises JSON text.
        if (tool && tool.length === 0)
          yield { type: 'tool-call-delta', index: tool.index, argumentsDelta: '{}' };
      } else if (event.messageStop) {
        stopReason = event.messageStop.stopReason;
      } else if (event.metadata) {
        usageEvent = event.metadata;
      } else {
        const exception = bedrockStreamException(event);
        if (exception) throw exception;
      }
    }
    if (stopReason === undefined) throw bedrockStreamCutOff(call, requestId, 'its messageStop event');
    finished = true;
    const usage = mapBedrockUsage(usageEvent?.usage);
    const latencyMs = call.elapsed();
    const finish: StreamPartV1 = {
      type: 'finish',
      finishReason: mapBedrockFinishReason(stopReason),
      usage,
      latencyMs,
      providerMetadata: {
        bedrock: { ...metadata, stopReason, serverLatencyMs: usageEvent?.metrics?.latencyMs },
      },
    };
    if (firstTokenMs !== undefined) finish.timeToFirstTokenMs = firstTokenMs;
    call.log({ modelId: sent.modelId, usage, latencyMs, requestId, timeToFirstTokenMs: firstTokenMs });
    yield finish;
  } catch (error) {
    throw call.fail(error, phase);
  } finally {
    // A consumer that stops early must not leave the HTTP/2 stream open.
    if (!finished) {
      call.deadline?.cancel();
      void iterator?.return?.().catch(() => undefined);
    }
    call.close();
  }
}
