import type { EmulatedModel } from './bedrock-emulator-types.js';
import { type BedrockError, bedrockErrors, converseMessages } from './bedrock-errors.js';
import type { Answer, ChatInput } from './generate-answer.js';

/** One streaming chunk of InvokeModelWithResponseStream: the family's JSON, and whether it carries content. */
export interface InvokeChunk {
  json: Record<string, unknown>;
  delta?: boolean;
}

export interface ChatFamily {
  /** Reads the family's request body; errors are the `Malformed input request` texts Bedrock gives. */
  parse(body: Record<string, unknown>, model: EmulatedModel): ChatInput | BedrockError;
  respond(answer: Answer, context: FamilyContext): Record<string, unknown>;
  stream(answer: Answer, context: FamilyContext): InvokeChunk[];
}

export interface FamilyContext {
  modelId: string;
  /** Seeds the ids (`msg_bdrk_…`, `chatcmpl-…`) the family puts in its responses. */
  seed: number;
}

/** Bedrock validates InvokeModel bodies against each model's JSON schema, refusing missing and unknown keys. */
export function checkKeys(
  body: Record<string, unknown>,
  required: readonly string[],
  allowed?: readonly string[],
): BedrockError | undefined {
  for (const key of required) {
    if (body[key] === undefined)
      return bedrockErrors.validation(converseMessages.malformed(`#: required key [${key}] not found`));
  }
  if (allowed) {
    const permitted = new Set([...required, ...allowed]);
    const extraneous = Object.keys(body).find((key) => !permitted.has(key));
    if (extraneous !== undefined) {
      return bedrockErrors.validation(
        converseMessages.malformed(`#: extraneous key [${extraneous}] is not permitted`),
      );
    }
  }
  return undefined;
}

export function numberField(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

export function stringList(value: unknown): string[] | undefined {
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : undefined;
}

/** Copies only the defined optional fields, to keep `exactOptionalPropertyTypes` happy. */
export function defined<T extends Record<string, unknown>>(
  fields: T,
): { [K in keyof T]?: Exclude<T[K], undefined> } {
  const result: { [K in keyof T]?: Exclude<T[K], undefined> } = {};
  for (const [key, value] of Object.entries(fields)) {
    if (value !== undefined) (result as Record<string, unknown>)[key] = value;
  }
  return result;
}

export function answerText(answer: Answer): string {
  return answer.blocks
    .filter((block) => block.type === 'text')
    .map((block) => block.text)
    .join('');
}

export function reasoningText(answer: Answer): string | undefined {
  const block = answer.blocks.find((item) => item.type === 'reasoning');
  return block?.type === 'reasoning' ? block.text : undefined;
}
