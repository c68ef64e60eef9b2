import type { EmulatedModel } from './bedrock-emulator-types.js';
import { BedrockError, bedrockErrors, converseMessages } from './bedrock-errors.js';
import type { BedrockExchange } from './bedrock-exchange.js';
import { modelFamily } from './bedrock-model-table.js';
import {
  type CacheUse,
  converseResponseBody,
  converseStreamEvents,
  converseUsage,
} from './converse-response.js';
import { seedOf } from './deterministic-reply.js';
import { type EmulatorState, readPromptCache, type StreamFault } from './emulator-state.js';
import { encodeEvent } from './encode-event-stream.js';
import { type Answer, generateAnswer } from './generate-answer.js';
import { chatFamily } from './invoke-chat-families.js';
import { invokeEmbedding } from './invoke-embedding-families.js';
import type { ChatFamily, FamilyContext } from './invoke-family-types.js';
import { asRecord, parseConverseRequest } from './parse-converse-request.js';
import { type OutgoingEvent, writeEventStream } from './stream-events.js';

export interface OperationInput {
  exchange: BedrockExchange;
  state: EmulatorState;
  model: EmulatedModel;
  body: unknown;
  /** An in-stream fault (streaming operations) or a mid-body drop (the others). */
  fault: StreamFault | undefined;
}

interface ConverseOutcome {
  answer: Answer;
  cache?: CacheUse;
}

function converseAnswer({ state, model, body }: OperationInput): ConverseOutcome | BedrockError {
  const parsed = parseConverseRequest(body, model, state.settings.replyTokens);
  if (parsed instanceof BedrockError) return parsed;
  const answer = generateAnswer(parsed.chat);
  if (!parsed.cachePrefix) return { answer };
  const { key, tokens } = parsed.cachePrefix;
  const hit = readPromptCache(state, key);
  return { answer, cache: hit ? { read: tokens, write: 0 } : { read: 0, write: tokens } };
}

export function handleConverse(input: OperationInput): void {
  const outcome = converseAnswer(input);
  if (outcome instanceof BedrockError) {
    input.exchange.sendError(outcome);
    return;
  }
  const usage = converseUsage(outcome.answer, outcome.cache);
  const body = converseResponseBody(outcome.answer, usage, input.exchange.elapsedMs());
  input.exchange.sendJson(body, {}, input.fault?.type === 'drop-connection');
}

export async function handleConverseStream(input: OperationInput): Promise<void> {
  const outcome = converseAnswer(input);
  if (outcome instanceof BedrockError) return input.exchange.sendError(outcome);
  const usage = converseUsage(outcome.answer, outcome.cache);
  const events: OutgoingEvent[] = converseStreamEvents(outcome.answer).map((event) => ({
    frame: () => encodeEvent(event.eventType, event.payload),
    ...(event.delta ? { delta: true } : {}),
  }));
  events.push({
    frame: () => encodeEvent('metadata', { usage, metrics: { latencyMs: input.exchange.elapsedMs() } }),
  });
  await writeEventStream(input.exchange, events, input.state.settings, input.fault);
}

type InvokeOutcome =
  | { kind: 'chat'; family: ChatFamily; answer: Answer; context: FamilyContext }
  | { kind: 'embedding'; json: Record<string, unknown>; inputTokens: number };

function invokeOutcome({ state, model, body }: OperationInput): InvokeOutcome | BedrockError {
  const request = asRecord(body);
  if (!request) return bedrockErrors.validation(converseMessages.malformed('#: expected type: JSONObject'));
  const family = modelFamily(model.id);
  if (model.embedding) {
    const result = invokeEmbedding(family, request);
    if (result instanceof BedrockError) return result;
    return result
      ? { kind: 'embedding', ...result }
      : bedrockErrors.validation(converseMessages.malformed('#: unsupported body'));
  }
  const chat = chatFamily(family, request);
  if (!chat) return bedrockErrors.validation(converseMessages.malformed('#: unsupported body'));
  const parsed = chat.parse(request, model);
  if (parsed instanceof BedrockError) return parsed;
  const replyTokens = state.settings.replyTokens;
  const answer = generateAnswer(replyTokens === undefined ? parsed : { ...parsed, replyTokens });
  const context = { modelId: model.id, seed: seedOf(model.id, JSON.stringify(request)) };
  return { kind: 'chat', family: chat, answer, context };
}

function tokenHeaders(inputTokens: number, outputTokens: number, latencyMs: number): Record<string, string> {
  return {
    'x-amzn-bedrock-input-token-count': String(inputTokens),
    'x-amzn-bedrock-output-token-count': String(outputTokens),
    'x-amzn-bedrock-invocation-latency': String(latencyMs),
  };
}

export function handleInvoke(input: OperationInput): void {
  const outcome = invokeOutcome(input);
  if (outcome instanceof BedrockError) {
    input.exchange.sendError(outcome);
    return;
  }
  const latency = input.exchange.elapsedMs();
  const dropHalfway = input.fault?.type === 'drop-connection';
  if (outcome.kind === 'embedding') {
    input.exchange.sendJson(outcome.json, tokenHeaders(outcome.inputTokens, 0, latency), dropHalfway);
    return;
  }
  const { answer, family, context } = outcome;
  const headers = tokenHeaders(answer.inputTokens, answer.outputTokens, latency);
  input.exchange.sendJson(family.respond(answer, context), headers, dropHalfway);
}

export async function handleInvokeStream(input: OperationInput): Promise<void> {
  if (input.model.embedding) {
    return input.exchange.sendError(bedrockErrors.validation(converseMessages.streamingUnsupported));
  }
  const outcome = invokeOutcome(input);
  if (outcome instanceof BedrockError) return input.exchange.sendError(outcome);
  if (outcome.kind !== 'chat') return;
  const { answer, family, context } = outcome;
  const chunks = family.stream(answer, context);
  let firstByteLatency: number | undefined;
  const events: OutgoingEvent[] = chunks.map((chunk, index) => ({
    frame: () => {
      firstByteLatency ??= input.exchange.elapsedMs();
      const json =
        index === chunks.length - 1
          ? {
              ...chunk.json,
              'amazon-bedrock-invocationMetrics': {
                inputTokenCount: answer.inputTokens,
                outputTokenCount: answer.outputTokens,
                invocationLatency: input.exchange.elapsedMs(),
                firstByteLatency,
              },
            }
          : chunk.json;
      return encodeEvent('chunk', { bytes: Buffer.from(JSON.stringify(json)).toString('base64') });
    },
    ...(chunk.delta ? { delta: true } : {}),
  }));
  await writeEventStream(input.exchange, events, input.state.settings, input.fault, {
    'x-amzn-bedrock-content-type': 'application/json',
  });
}
