import type { EmbeddingModelV1 } from '@llmrouter/core';
import { LLMRouterError } from '@llmrouter/errors';
import { type Embedder, normalizeInPlace } from './embedder';

/** A configured provider's embedding model (Bedrock Titan Embed v2, an OpenAI-compatible one, …), batched. */
export async function createModelEmbedder(name: string, model: EmbeddingModelV1): Promise<Embedder> {
  const batchSize = Math.max(1, model.maxValuesPerCall ?? 96);
  async function embed(texts: string[]): Promise<Float32Array[]> {
    const vectors: Float32Array[] = [];
    for (let start = 0; start < texts.length; start += batchSize) {
      const values = texts.slice(start, start + batchSize);
      const result = await model.embed({ values, inputType: 'query' });
      if (result.embeddings.length !== values.length) {
        throw new LLMRouterError({
          code: 'provider_response_invalid',
          message: `Embedding model ${name} returned ${result.embeddings.length} vectors for ${values.length} texts.`,
          hint: 'Check that the configured model is an embedding model.',
          provider: model.provider,
          modelId: model.modelId,
        });
      }
      for (const vector of result.embeddings) vectors.push(normalizeInPlace(Float32Array.from(vector)));
    }
    return vectors;
  }
  // The dimension count is whatever the model returns; one probe call learns it.
  const probe = await embed(['dimension probe']);
  const dimensions = probe[0]?.length ?? 0;
  return {
    id: 'model',
    dimensions,
    embed,
    describe: () => ({ id: 'model', parameters: { model: name, dimensions } }),
  };
}
