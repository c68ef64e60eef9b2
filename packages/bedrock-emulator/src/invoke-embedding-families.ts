import { type BedrockError, bedrockErrors, converseMessages } from './bedrock-errors.js';
import type { ModelFamily } from './bedrock-model-table.js';
import { countTokens, embedText, seedOf } from './deterministic-reply.js';
import { base62 } from './generate-answer.js';
import { checkKeys } from './invoke-family-types.js';

export interface EmbeddingResult {
  json: Record<string, unknown>;
  inputTokens: number;
}

type Body = Record<string, unknown>;

const malformed = (detail: string) => bedrockErrors.validation(converseMessages.malformed(detail));

/** InvokeModel for embedding models: Titan Text Embeddings v1/v2 and Cohere Embed v3. */
export function invokeEmbedding(family: ModelFamily, body: Body): EmbeddingResult | BedrockError | undefined {
  switch (family) {
    case 'titan-embed-v2':
      return titanV2(body);
    case 'titan-embed-v1': {
      const invalid = checkKeys(body, ['inputText'], []);
      if (invalid) return invalid;
      const text = String(body.inputText);
      const inputTokens = countTokens(text);
      return {
        json: { embedding: embedText(text, 1536, false), inputTextTokenCount: inputTokens },
        inputTokens,
      };
    }
    case 'cohere-embed':
      return cohere(body);
    default:
      return undefined;
  }
}

function titanV2(body: Body): EmbeddingResult | BedrockError {
  const invalid = checkKeys(body, ['inputText'], ['dimensions', 'normalize', 'embeddingTypes']);
  if (invalid) return invalid;
  const dimensions = body.dimensions ?? 1024;
  if (dimensions !== 256 && dimensions !== 512 && dimensions !== 1024) {
    return malformed(`#/dimensions: ${String(dimensions)} is not a valid enum value`);
  }
  const text = String(body.inputText);
  if (text.length === 0) return malformed('#/inputText: expected minLength: 1, actual: 0');
  const embedding = embedText(text, dimensions, body.normalize !== false);
  const inputTokens = countTokens(text);
  const json: Body = { embedding, inputTextTokenCount: inputTokens };
  if (Array.isArray(body.embeddingTypes)) {
    const byType: Body = {};
    for (const type of body.embeddingTypes) {
      if (type === 'float') byType.float = embedding;
      else if (type === 'binary') byType.binary = embedding.map((value) => (value > 0 ? 1 : 0));
      else return malformed(`#/embeddingTypes/0: ${String(type)} is not a valid enum value`);
    }
    json.embeddingsByType = byType;
  }
  return { json, inputTokens };
}

const COHERE_INPUT_TYPES = ['search_document', 'search_query', 'classification', 'clustering', 'image'];

function cohere(body: Body): EmbeddingResult | BedrockError {
  const invalid = checkKeys(body, ['input_type'], ['texts', 'images', 'truncate', 'embedding_types']);
  if (invalid) return invalid;
  if (!COHERE_INPUT_TYPES.includes(String(body.input_type))) {
    return malformed(`#/input_type: ${String(body.input_type)} is not a valid enum value`);
  }
  const texts = Array.isArray(body.texts) ? body.texts.map(String) : [];
  if (texts.length === 0) return malformed('#: required key [texts] not found');
  if (texts.length > 96) return malformed(`#/texts: expected maxItems: 96, actual: ${texts.length}`);
  const floats = texts.map((text) => embedText(text, 1024, true));
  const inputTokens = texts.reduce((total, text) => total + countTokens(text), 0);
  const id = base62(seedOf('cohere', ...texts), 8).toLowerCase();
  const types = Array.isArray(body.embedding_types) ? body.embedding_types.map(String) : undefined;
  if (!types)
    return { json: { embeddings: floats, id, response_type: 'embeddings_floats', texts }, inputTokens };
  const embeddings: Body = {};
  for (const type of types) {
    if (type === 'float') embeddings.float = floats;
    else if (type === 'int8')
      embeddings.int8 = floats.map((vector) => vector.map((value) => Math.round(value * 127)));
    else return malformed(`#/embedding_types/0: ${type} is not a valid enum value`);
  }
  return { json: { embeddings, id, response_type: 'embeddings_by_type', texts }, inputTokens };
}
