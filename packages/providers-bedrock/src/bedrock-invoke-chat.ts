import type {
  InvokeModelCommandOutput,
  InvokeModelWithResponseStreamCommandOutput,
  ResponseStream,
} from '@aws-sdk/client-bedrock-runtime';
import {
  type ChatRequestV1,
  type ChatResultV1,
  computeCost,
  type StreamPartV1,
  type UsageV1,
  type WarningV1,
} from '@llmrouter/core';
import { LLMRouterError } from '@llmrouter/errors';
import { type BedrockCall, bedrockMetadata } from './bedrock-call';
import { RESPONSE_HEADERS } from './bedrock-client-cache';
import { buildInvokeBody } from './bedrock-invoke-bodies';
import { type InvokeFamily, invokeFamilyOf } from './bedrock-invoke-family';
import {
  collectInvokeAnswer,
  type InvokeAnswer,
  invokeDeltas,
  ThinkSplitter,
} from './bedrock-invoke-responses';
import type { BedrockRequestOptions } from './bedrock-provider-options';
import { bedrockStreamCutOff, bedrockStreamException } from './bedrock-stream-exception';
import { mapBedrockUsage } from './bedrock-usage';
import { mapBedrockFinishReason } from './map-bedrock-finish-reason';

const decoder = new TextDecoder();

function chatFamily(call: BedrockCall): InvokeFamily {
  const family = invokeFamilyOf(call.context.modelId);
  if (family === undefined || family === 'titan-embed' || family === 'cohere-embed') {
    throw new LLMRouterError({
      code: 'unsupported_feature',
      message: `No InvokeModel chat body is known for ${call.context.modelId}.`,
      hint: family
        ? 'This is an embedding model: use embeddingModel() for it.'
        : 'Use Converse (leave providerOptions.bedrock.api unset) for this model.',
      provider: 'bedrock',
      modelId: call.context.modelId,
    });
  }
  return family;
}

/** Token counts Bedrock puts in InvokeModel response headers, for families whose body has none. */
function headerUsage(output: object): InvokeAnswer['usage'] {
  const headers = (output as Record<symbol, Record<string, string> | undefined>)[RESPONSE_HEADERS] ?? {};
  const read = (name: string) => (headers[name] === undefined ? undefined : Number(headers[name]));
  const usage: InvokeAnswer['usage'] = {};
  const input = read('x-amzn-bedrock-input-token-count');
  const output_ = read('x-amzn-bedrock-output-token-count');
  if (input !== undefined) usage.inputTokens = input;
  if (output_ !== undefined) usage.outputTokens = output_;
  return usage;
}

function toUsage(usage: InvokeAnswer['usage']): UsageV1 {
  return mapBedrockUsage({
    inputTokens: usage.inputTokens,
    outputTokens: usage.outputTokens,
    cacheReadInputTokens: usage.cacheReadTokens,
    cacheWriteInputTokens: usage.cacheWriteTokens,
  });
}

function encodeBody(
  call: BedrockCall,
  request: ChatRequestV1,
  options: BedrockRequestOptions,
  warnings: WarningV1[],
): string {
  return JSON.stringify(
    buildInvokeBody(chatFamily(call), request, warnings, options.additionalModelRequestFields),
  );
}

export async function invokeGenerate(
  call: BedrockCall,
  request: ChatRequestV1,
  options: BedrockRequestOptions,
  warnings: WarningV1[],
): Promise<ChatResultV1> {
  try {
    const family = chatFamily(call);
    const body = encodeBody(call, request, options, warnings);
    const runtime = await call.open();
    const sent = await call.send<InvokeModelCommandOutput>(
      (modelId) =>
        new runtime.sdk.InvokeModelCommand({
          modelId,
          body,
          contentType: 'application/json',
          accept: 'application/json',
        }),
    );
    call.deadline!.firstByte();
    const json = JSON.parse(decoder.decode(sent.output.body)) as Record<string, unknown>;
    const answer = collectInvokeAnswer(invokeDeltas(family, json));
    const usage = toUsage({ ...answer.usage, ...headerUsage(sent.output) });
    const latencyMs = call.elapsed();
    const requestId = sent.output.$metadata.requestId;
    const result: ChatResultV1 = {
      text: answer.text,
      toolCalls: answer.toolCalls,
      finishReason: mapBedrockFinishReason(answer.stopReason),
      usage,
      latencyMs,
      modelId: sent.modelId,
      providerMetadata: {
        bedrock: { ...bedrockMetadata(call, sent, requestId), api: 'invoke', stopReason: answer.stopReason },
      },
      warnings,
    };
    if (answer.reasoning) result.reasoning = answer.reasoning;
    const cost = call.context.catalog ? computeCost(usage, call.context.catalog) : undefined;
    if (cost) result.cost = cost;
    call.log({ modelId: sent.modelId, usage, latencyMs, requestId });
    return result;
  } catch (error) {
    throw call.fail(error, 'request');
  } finally {
    call.close();
  }
}

export async function* invokeStream(
  call: BedrockCall,
  request: ChatRequestV1,
  options: BedrockRequestOptions,
  warnings: WarningV1[],
): AsyncGenerator<StreamPartV1> {
  let phase: 'request' | 'stream' = 'request';
  let iterator: AsyncIterator<ResponseStream> | undefined;
  let finished = false;
  try {
    const family = chatFamily(call);
    const body = encodeBody(call, request, options, warnings);
    const runtime = await call.open();
    const sent = await call.send<InvokeModelWithResponseStreamCommandOutput>(
      (modelId) =>
        new runtime.sdk.InvokeModelWithResponseStreamCommand({
          modelId,
          body,
          contentType: 'application/json',
          accept: 'application/json',
        }),
    );
    const requestId = sent.output.$metadata.requestId;
    if (!sent.output.body)
      throw Object.assign(new Error('InvokeModelWithResponseStream answered without a body.'), {
        name: 'ModelStreamErrorException',
      });
    iterator = sent.output.body[Symbol.asyncIterator]();
    let next = await iterator.next();
    call.deadline!.firstByte();
    const metadata = { ...bedrockMetadata(call, sent, requestId), api: 'invoke' };
    yield { type: 'start', modelId: sent.modelId, warnings, providerMetadata: { bedrock: metadata } };
    phase = 'stream';
    const think = family === 'deepseek' ? new ThinkSplitter() : undefined;
    const tools = new Map<number, { index: number; length: number }>();
    let usage: InvokeAnswer['usage'] = {};
    let stopReason: string | undefined;
    let firstTokenMs: number | undefined;
    const emit = function* (deltas: ReturnType<typeof invokeDeltas>): Generator<StreamPartV1> {
      for (const delta of deltas) {
        if (delta.type === 'text' || delta.type === 'reasoning') {
          firstTokenMs ??= call.elapsed();
          yield { type: delta.type === 'text' ? 'text-delta' : 'reasoning-delta', text: delta.text };
        } else if (delta.type === 'tool-start') {
          firstTokenMs ??= call.elapsed();
          const index = tools.size;
          tools.set(delta.block, { index, length: 0 });
          yield { type: 'tool-call-delta', index, id: delta.id, name: delta.name, argumentsDelta: '' };
        } else if (delta.type === 'tool-args') {
          const tool = tools.get(delta.block);
          if (tool) {
            tool.length += delta.text.length;
            yield { type: 'tool-call-delta', index: tool.index, argumentsDelta: delta.text };
          }
        } else if (delta.type === 'stop') stopReason = delta.reason;
        else {
          const { type: _type, ...counts } = delta;
          usage = { ...usage, ...counts };
        }
      }
    };
    for (; !next.done; next = await iterator.next()) {
      const event = next.value;
      const bytes = event.chunk?.bytes;
      if (bytes)
        yield* emit(
          invokeDeltas(family, JSON.parse(decoder.decode(bytes)) as Record<string, unknown>, think),
        );
      else {
        const exception = bedrockStreamException(event);
        if (exception) throw exception;
      }
    }
    if (think) yield* emit(think.end());
    if (stopReason === undefined) throw bedrockStreamCutOff(call, requestId, 'the model finished');
    for (const tool of tools.values())
      if (tool.length === 0) yield { type: 'tool-call-delta', index: tool.index, argumentsDelta: '{}' };
    finished = true;
    const totals = toUsage(usage);
    const latencyMs = call.elapsed();
    const finish: StreamPartV1 = {
      type: 'finish',
      finishReason: mapBedrockFinishReason(stopReason),
      usage: totals,
      latencyMs,
      providerMetadata: { bedrock: { ...metadata, stopReason } },
    };
    if (firstTokenMs !== undefined) finish.timeToFirstTokenMs = firstTokenMs;
    call.log({
      modelId: sent.modelId,
      usage: totals,
      latencyMs,
      requestId,
      timeToFirstTokenMs: firstTokenMs,
    });
    yield finish;
  } catch (error) {
    throw call.fail(error, phase);
  } finally {
    if (!finished) {
      call.deadline?.cancel();
      void iterator?.return?.().catch(() => undefined);
    }
    call.close();
  }
}
