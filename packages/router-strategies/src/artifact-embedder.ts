import type { EmbedderConfig, EmbeddingModelV1 } from '@llmrouter/core';
import type { Embedder } from './embedder';
import { HashedTfidfEmbedder } from './hashed-tfidf-embedder';
import type { KnnArtifactHeader } from './knn-artifact';
import { createModelEmbedder } from './model-embedder';
import { routerConfigError } from './strategy-errors';
import { createUseLiteEmbedder } from './use-lite-embedder';

function describeConfig(config: EmbedderConfig): string {
  return config.type === 'model' ? `model ${config.model}` : config.type;
}

/**
 * The embedder a trained artifact needs, checked against the config: vectors from one embedder mean
 * nothing to another, so a mismatch is a config error rather than silently bad routing.
 */
export async function artifactEmbedder(
  header: KnnArtifactHeader,
  config: EmbedderConfig | undefined,
  embeddingModel: ((name: string) => EmbeddingModelV1) | undefined,
): Promise<Embedder> {
  const wanted = config ?? { type: 'hashed-tfidf' };
  const { id, parameters } = header.embedder;
  const trained = id === 'model' ? `model ${String(parameters['model'])}` : id;
  const mismatch = () =>
    routerConfigError(
      'embedder',
      `the artifact was trained with the ${trained} embedder but the config asks for ${describeConfig(wanted)}`,
      `set router.embedder to the one the artifact was trained with, or retrain with \`llmrouter train\``,
    );
  if (wanted.type !== id) throw mismatch();
  let embedder: Embedder;
  if (wanted.type === 'hashed-tfidf') {
    if (wanted.dimensions !== undefined && wanted.dimensions !== parameters['dimensions']) throw mismatch();
    embedder = HashedTfidfEmbedder.fromDescriptor(header.embedder);
  } else if (wanted.type === 'use-lite') {
    embedder = await createUseLiteEmbedder();
  } else {
    if (wanted.model !== parameters['model']) throw mismatch();
    if (!embeddingModel) {
      throw routerConfigError(
        'embedder.model',
        'no embedding model factory was given',
        'pass dependencies.embeddingModel (the server does this)',
      );
    }
    embedder = await createModelEmbedder(wanted.model, embeddingModel(wanted.model));
  }
  if (embedder.dimensions !== header.dimensions) {
    throw routerConfigError(
      'embedder',
      `the embedder gives ${embedder.dimensions}-dimension vectors but the artifact holds ${header.dimensions}`,
      'retrain the artifact with the current embedder',
    );
  }
  return embedder;
}
