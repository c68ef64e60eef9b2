import type { ChatRequestV1, ResponseFormatV1, ToolChoiceV1, ToolV1 } from '@llmrouter/core';
import { parseChatMessagesFast } from './parse-chat-messages-fast';
import type { ParsedChatRequest } from './parse-chat-request';
import { isNullish, isPlainObject, isPlainRecord } from './plain-json-object';

/*
 * A hand-written validator and converter for the chat completions body: one pass over the parsed JSON
 * that builds the v1 request directly, where the zod schema copies every object and the converter then
 * walks the copy again. It answers only when it can vouch that `chatRequestSchema` accepts the body and
 * the schema path would build the same result; otherwise it returns `undefined` and the caller asks the
 * schema, which stays the single source of truth for what is valid and for every error message.
 */

/** `z.number().int().positive().nullish()`: `.int()` means a safe integer in zod v4. */
function isOptionalPositiveInteger(value: unknown): boolean {
  return isNullish(value) || (Number.isSafeInteger(value) && (value as number) > 0);
}

/** `z.number().min(0).max(maximum).nullish()`; NaN fails both comparisons, Infinity the second. */
function isOptionalInRange(value: unknown, maximum: number): boolean {
  return isNullish(value) || (typeof value === 'number' && value >= 0 && value <= maximum);
}

/** `stop`: a string or at most four strings, always as a fresh array (the schema copies it too). */
function readStop(stop: unknown): string[] | undefined {
  if (typeof stop === 'string') return [stop];
  if (!Array.isArray(stop) || stop.length > 4) return undefined;
  for (let index = 0; index < stop.length; index++) if (typeof stop[index] !== 'string') return undefined;
  return stop.slice() as string[];
}

function readTools(tools: unknown): ToolV1[] | undefined {
  if (!Array.isArray(tools)) return undefined;
  const converted: ToolV1[] = [];
  for (let index = 0; index < tools.length; index++) {
    const tool: unknown = tools[index];
    if (!isPlainObject(tool) || tool.type !== 'function' || !isPlainObject(tool.function)) return undefined;
    const { name, description, parameters, strict } = tool.function;
    // `.min(1).max(64)` counts code points; 1..64 UTF-16 units is always inside, longer is the schema's call.
    if (typeof name !== 'string' || name.length === 0 || name.length > 64) return undefined;
    if (description !== undefined && typeof description !== 'string') return undefined;
    if (parameters !== undefined && !isPlainRecord(parameters)) return undefined;
    if (!isNullish(strict) && typeof strict !== 'boolean') return undefined;
    // The record is used as is: the schema's copy holds the same keys and values, and the body is
    // thrown away after parsing.
    const entry: ToolV1 = { name, parameters: parameters ?? { type: 'object', properties: {} } };
    if (description !== undefined) entry.description = description;
    converted.push(entry);
  }
  return converted;
}

function readToolChoice(choice: unknown): ToolChoiceV1 | undefined {
  if (choice === 'auto' || choice === 'none' || choice === 'required') return choice;
  if (!isPlainObject(choice) || choice.type !== 'function' || !isPlainObject(choice.function))
    return undefined;
  const name = choice.function.name;
  return typeof name === 'string' ? { type: 'tool', name } : undefined;
}

/** The v1 response format; `null` for `{type: 'text'}`, which sets nothing. */
function readResponseFormat(format: unknown): ResponseFormatV1 | null | undefined {
  if (!isPlainObject(format)) return undefined;
  if (format.type === 'text') return null;
  if (format.type === 'json_object') return { type: 'json' };
  if (format.type !== 'json_schema' || !isPlainObject(format.json_schema)) return undefined;
  const { name, schema } = format.json_schema;
  if (typeof name !== 'string') return undefined;
  if (schema === undefined) return { type: 'json', name };
  return isPlainRecord(schema) ? { type: 'json', name, schema } : undefined;
}

/** `metadata` (a string record) plus `user`, as a fresh object. */
function readMetadata(metadata: unknown, user: unknown): Record<string, string> | undefined {
  const copy: Record<string, string> = {};
  if (!isNullish(metadata)) {
    if (!isPlainRecord(metadata)) return undefined;
    for (const key of Object.keys(metadata)) {
      const value = metadata[key];
      if (typeof value !== 'string') return undefined;
      copy[key] = value;
    }
  }
  if (!isNullish(user) && typeof user !== 'string') return undefined;
  if (user) copy.user = user;
  return copy;
}

/** The parsed request when the body is plainly valid, `undefined` to let the schema decide. */
export function parseChatRequestFast(body: unknown): ParsedChatRequest | undefined {
  if (!isPlainObject(body)) return undefined;
  const model = body.model;
  if (model !== undefined && typeof model !== 'string') return undefined;
  const messages = parseChatMessagesFast(body.messages);
  if (messages === undefined) return undefined;

  const { stream, stream_options: streamOptions } = body;
  if (!isNullish(stream) && typeof stream !== 'boolean') return undefined;
  let includeUsage = false;
  if (!isNullish(streamOptions)) {
    if (!isPlainObject(streamOptions)) return undefined;
    const include = streamOptions.include_usage;
    if (include !== undefined && typeof include !== 'boolean') return undefined;
    includeUsage = include === true;
  }

  const { max_tokens: maxTokens, max_completion_tokens: maxCompletionTokens, n, seed } = body;
  if (!isOptionalPositiveInteger(maxTokens) || !isOptionalPositiveInteger(maxCompletionTokens))
    return undefined;
  if (!isNullish(seed) && !Number.isSafeInteger(seed)) return undefined;
  if (!isNullish(n) && n !== 1) return undefined;
  const { temperature, top_p: topP } = body;
  if (!isOptionalInRange(temperature, 2) || !isOptionalInRange(topP, 1)) return undefined;

  // Built in the same key order as the schema path's converter, so even the JSON text matches.
  const request: ChatRequestV1 = { messages };
  const tokens = maxCompletionTokens ?? maxTokens;
  if (tokens != null) request.maxTokens = tokens as number;
  if (temperature != null) request.temperature = temperature as number;
  if (topP != null) request.topP = topP as number;
  if (body.stop != null) {
    const stop = readStop(body.stop);
    if (stop === undefined) return undefined;
    request.stop = stop;
  }
  if (seed != null) request.seed = seed as number;
  if (body.tools != null) {
    const tools = readTools(body.tools);
    if (tools === undefined) return undefined;
    if (tools.length) request.tools = tools;
  }
  if (body.tool_choice != null) {
    const toolChoice = readToolChoice(body.tool_choice);
    if (toolChoice === undefined) return undefined;
    request.toolChoice = toolChoice;
  }
  if (body.response_format != null) {
    const format = readResponseFormat(body.response_format);
    if (format === undefined) return undefined;
    if (format !== null) request.responseFormat = format;
  }
  const metadata = readMetadata(body.metadata, body.user);
  if (metadata === undefined) return undefined;
  return {
    model: model === undefined ? 'auto' : model.trim() || 'auto',
    stream: stream === true,
    includeUsage,
    request,
    metadata,
  };
}
