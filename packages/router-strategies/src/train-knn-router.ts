import type { EmbedderConfig, EmbeddingModelV1 } from '@llmrouter/core';
import { LLMRouterError } from '@llmrouter/errors';
import { type Embedder, isSparseEmbedder, type SparseVector } from './embedder';
import { HashedTfidfEmbedder } from './hashed-tfidf-embedder';
import {
  encodeKnnArtifact,
  KNN_ARTIFACT_VERSION,
  type KnnArtifact,
  type RouterLearner,
} from './knn-artifact';
import { LINEAR_DEFAULTS, linearFeatureCount } from './linear-scorer';
import { createModelEmbedder } from './model-embedder';
import { PROMPT_FAMILIES, promptFamily } from './prompt-family';
import type { ModelPrice, RoutingExample } from './routing-data';
import type { FeatureGroup } from './text-features';
import { trainLinearScorer } from './train-linear-scorer';
import { createUseLiteEmbedder } from './use-lite-embedder';

/**
 * k, the neighbour-weight exponent and the family shrinkage chosen by 5-fold cross-validation on
 * train.json (docs/strategies.md).
 */
export const KNN_DEFAULTS: {
  k: number;
  similarityPower: number;
  learner: RouterLearner;
  familyShrinkage: number;
} = {
  k: 200,
  similarityPower: 2,
  learner: 'knn',
  familyShrinkage: 0,
};

export interface TrainKnnRouterOptions {
  data: readonly RoutingExample[];
  /** Prices per model (USD per million tokens); stored in the artifact for evaluation and defaults. */
  prices?: Record<string, ModelPrice>;
  /** Default: the hashed TF-IDF embedder. */
  embedder?: EmbedderConfig;
  /** For `{ type: 'model' }`: returns the configured embedding model of that name. */
  embeddingModel?: (name: string) => EmbeddingModelV1;
  /**
   * `knn` (default): average the nearest training questions' scores. `family-knn`: the same among the
   * training questions of the prompt's family (`promptFamily`), shrunk toward that family's mean scores.
   * `linear`: one ridge regression per model over the hashed TF-IDF features plus a task-family
   * indicator (needs the hashed-tfidf embedder).
   */
  learner?: RouterLearner;
  /** For `family-knn`: how many neighbours' worth of weight the family mean gets (default 0). */
  familyShrinkage?: number;
  /** Ridge strength for the linear learner (default 10, chosen by cross-validation). */
  ridgeAlpha?: number;
  k?: number;
  /** Neighbour weight exponent (default 2): weight = similarity ^ power. */
  similarityPower?: number;
  /** Advanced hashed TF-IDF settings (the defaults were chosen by cross-validation). */
  hashedTfidf?: { charNgrams?: readonly number[]; groupWeights?: Partial<Record<FeatureGroup, number>> };
  /** A path to write the artifact to; without it, only the bytes are returned. */
  output?: string;
  /** The training date recorded in the header (tests pin it). */
  now?: () => Date;
}

export interface TrainKnnRouterResult {
  artifact: KnnArtifact;
  bytes: Uint8Array;
  path?: string;
}

async function trainingEmbedder(options: TrainKnnRouterOptions, texts: string[]): Promise<Embedder> {
  const config = options.embedder ?? { type: 'hashed-tfidf' };
  if (config.type === 'hashed-tfidf') {
    return HashedTfidfEmbedder.fit(
      texts,
      config.dimensions === undefined ? {} : { dimensions: config.dimensions },
    );
  }
  if (config.type === 'use-lite') return createUseLiteEmbedder();
  if (!options.embeddingModel) {
    throw new LLMRouterError({
      code: 'config_invalid',
      message: `The embedder model "${config.model}" needs an embedding model factory.`,
      hint: 'Pass embeddingModel (the CLI does this from the config) or use the hashed-tfidf embedder.',
    });
  }
  return createModelEmbedder(config.model, options.embeddingModel(config.model));
}

/**
 * Embeds every question, fits the chosen learner, and writes one versioned artifact holding the vectors,
 * the scores and (for the linear learner) the per-model weights.
 */
export async function trainKnnRouter(options: TrainKnnRouterOptions): Promise<TrainKnnRouterResult> {
  const { data } = options;
  if (data.length === 0) {
    throw new LLMRouterError({
      code: 'request_invalid',
      message: 'The routing data has no rows.',
      hint: 'Pass a non-empty training file.',
    });
  }
  const learner = options.learner ?? KNN_DEFAULTS.learner;
  if (learner === 'linear' && (options.embedder ?? { type: 'hashed-tfidf' }).type !== 'hashed-tfidf') {
    throw new LLMRouterError({
      code: 'config_invalid',
      message: 'The linear learner scores hashed TF-IDF features and cannot use another embedder.',
      hint: 'Use learner: knn with this embedder, or the hashed-tfidf embedder with learner: linear.',
    });
  }
  const models = [...new Set(data.flatMap((row) => Object.keys(row.scores)))].sort();
  const texts = data.map((row) => row.question);
  const embedder = await trainingEmbedder(options, texts);
  const scores = new Float32Array(data.length * models.length).fill(Number.NaN);
  data.forEach((row, index) => {
    models.forEach((model, column) => {
      const score = row.scores[model];
      if (score !== undefined) scores[index * models.length + column] = score;
    });
  });

  let vectors: KnnArtifact['vectors'];
  let sparse: SparseVector[] = [];
  if (isSparseEmbedder(embedder)) {
    sparse = texts.map((text) => embedder.embedSparse(text));
    const rowOffsets = new Uint32Array(sparse.length + 1);
    sparse.forEach((vector, index) => {
      rowOffsets[index + 1] = rowOffsets[index]! + vector.indices.length;
    });
    const indices = new Uint32Array(rowOffsets[sparse.length]!);
    const values = new Float32Array(indices.length);
    sparse.forEach((vector, index) => {
      indices.set(vector.indices, rowOffsets[index]!);
      values.set(vector.values, rowOffsets[index]!);
    });
    vectors = { encoding: 'sparse', rowOffsets, indices, values };
  } else {
    const dense = await embedder.embed(texts);
    const values = new Float32Array(texts.length * embedder.dimensions);
    dense.forEach((vector, index) => {
      values.set(vector, index * embedder.dimensions);
    });
    vectors = { encoding: 'dense', values };
  }

  const ridgeAlpha = options.ridgeAlpha ?? LINEAR_DEFAULTS.ridgeAlpha;
  const linear =
    learner === 'linear'
      ? trainLinearScorer(
          { vectors: sparse, texts, scores, models: models.length, dimensions: embedder.dimensions },
          ridgeAlpha,
        )
      : undefined;
  const familyShrinkage = options.familyShrinkage ?? KNN_DEFAULTS.familyShrinkage;
  if (!(familyShrinkage >= 0)) {
    throw new LLMRouterError({
      code: 'config_invalid',
      message: `familyShrinkage must be a number ≥ 0, not ${familyShrinkage}.`,
      hint: 'Use 0 (the default: same-family neighbours only), or a weight such as 1 to pull toward the family mean.',
    });
  }
  const rowFamilies =
    learner === 'family-knn'
      ? Uint32Array.from(texts, (text) => PROMPT_FAMILIES.indexOf(promptFamily(text)))
      : undefined;
  const prices: Record<string, ModelPrice> = {};
  for (const model of models) {
    const price = options.prices?.[model];
    if (price) prices[model] = price;
  }
  const artifact: KnnArtifact = {
    header: {
      format: 'llmrouter-knn',
      version: KNN_ARTIFACT_VERSION,
      createdAt: (options.now?.() ?? new Date()).toISOString(),
      embedder: embedder.describe(),
      models,
      prices,
      k: options.k ?? KNN_DEFAULTS.k,
      similarityPower: options.similarityPower ?? KNN_DEFAULTS.similarityPower,
      rows: data.length,
      dimensions: embedder.dimensions,
      vectorEncoding: vectors.encoding,
      ...(vectors.encoding === 'sparse' ? { nonZeros: vectors.indices.length } : {}),
      learner,
      ...(linear ? { ridgeAlpha, linearFeatures: linearFeatureCount(embedder.dimensions) } : {}),
      ...(rowFamilies ? { families: [...PROMPT_FAMILIES], familyShrinkage } : {}),
    },
    vectors,
    scores,
    ...(linear ? { linear } : {}),
    ...(rowFamilies ? { rowFamilies } : {}),
  };
  const bytes = encodeKnnArtifact(artifact);
  if (options.output === undefined) return { artifact, bytes };
  const { mkdir, writeFile } = await import('node:fs/promises');
  const { dirname } = await import('node:path');
  await mkdir(dirname(options.output), { recursive: true });
  await writeFile(options.output, bytes);
  return { artifact, bytes, path: options.output };
}
