import type { EmbedderDescriptor, SparseEmbedder, SparseVector } from './embedder';
import { routerConfigError } from './strategy-errors';
import { type FeatureGroup, hashFeature, visitFeatures } from './text-features';

export interface HashedTfidfParameters {
  dimensions: number;
  charNgrams: number[];
  /** How much each feature group counts; tuned by cross-validation on the training split. */
  groupWeights: Record<FeatureGroup, number>;
  /** Inverse document frequency per hashed dimension, learned at training time. */
  idf: number[];
}

/**
 * Chosen by 5-fold cross-validation on the training split (bench/routing-eval/cross-validate.mjs).
 * Character n-grams are supported but off by default: at weight 0.3 they did not improve routing and
 * they quadruple the non-zeros per vector, which made a decision over 5,000 rows take ~1.8 ms.
 */
export const HASHED_TFIDF_DEFAULTS = {
  dimensions: 4096,
  charNgrams: [] as readonly number[],
  groupWeights: { word: 1, bigram: 1, char: 0.3, shape: 2 },
} as const;

/**
 * Word unigrams, bigrams, character n-grams and prompt-shape features, hashed into a fixed number of
 * dimensions (no vocabulary to store), weighted by sublinear term frequency × IDF and L2-normalised.
 * Vectors are sparse: a query touches only its own few hundred dimensions.
 */
export class HashedTfidfEmbedder implements SparseEmbedder {
  readonly id = 'hashed-tfidf';
  readonly dimensions: number;
  private readonly idf: Float32Array;
  // Reused by every call (JavaScript runs one call at a time), so embedding allocates almost nothing.
  private readonly scratch: Float64Array;
  private readonly counts = new Map<number, number>();

  constructor(private readonly parameters: HashedTfidfParameters) {
    this.dimensions = parameters.dimensions;
    if (parameters.idf.length !== parameters.dimensions) {
      throw routerConfigError(
        'embedder',
        `the IDF table has ${parameters.idf.length} entries for ${parameters.dimensions} dimensions`,
        'retrain the artifact',
      );
    }
    this.idf = Float32Array.from(parameters.idf);
    this.scratch = new Float64Array(parameters.dimensions);
  }

  /** Learns the IDF table from the training texts. */
  static fit(
    texts: readonly string[],
    options: {
      dimensions?: number;
      charNgrams?: readonly number[];
      groupWeights?: Partial<Record<FeatureGroup, number>>;
    } = {},
  ): HashedTfidfEmbedder {
    const dimensions = options.dimensions ?? HASHED_TFIDF_DEFAULTS.dimensions;
    const base: HashedTfidfParameters = {
      dimensions,
      charNgrams: [...(options.charNgrams ?? HASHED_TFIDF_DEFAULTS.charNgrams)],
      groupWeights: { ...HASHED_TFIDF_DEFAULTS.groupWeights, ...options.groupWeights },
      idf: new Array<number>(dimensions).fill(1),
    };
    const unweighted = new HashedTfidfEmbedder(base);
    const documentFrequency = new Float64Array(dimensions);
    for (const text of texts) {
      for (const index of unweighted.embedSparse(text).indices) documentFrequency[index]! += 1;
    }
    // Smoothed IDF (as scikit-learn's): never zero, so a feature seen everywhere still counts a little.
    // Rounded once here so that the stored table and the one used for training vectors are identical.
    const idf = Array.from(
      documentFrequency,
      (count) => Math.round((Math.log((1 + texts.length) / (1 + count)) + 1) * 1e5) / 1e5,
    );
    return new HashedTfidfEmbedder({ ...base, idf });
  }

  static fromDescriptor(descriptor: EmbedderDescriptor): HashedTfidfEmbedder {
    const parameters = descriptor.parameters as Partial<HashedTfidfParameters>;
    if (
      typeof parameters.dimensions !== 'number' ||
      !Array.isArray(parameters.idf) ||
      !Array.isArray(parameters.charNgrams) ||
      !parameters.groupWeights
    ) {
      throw routerConfigError(
        'artifact',
        'the artifact header has no usable hashed-tfidf parameters',
        'retrain the artifact with `llmrouter train`',
      );
    }
    return new HashedTfidfEmbedder(parameters as HashedTfidfParameters);
  }

  /**
   * Weighted, sublinear term frequencies (before IDF), accumulated in `scratch`; returns the touched
   * dimensions. Features arrive grouped (words, bigrams, n-grams, shape), so counts are flushed per group.
   */
  private termFrequencies(text: string): number[] {
    const { scratch, counts } = this;
    const touched: number[] = [];
    let group: FeatureGroup | undefined;
    const flush = () => {
      if (group === undefined) return;
      const weight = this.parameters.groupWeights[group];
      for (const [hash, count] of counts) {
        const index = hash % this.dimensions;
        if (scratch[index] === 0) touched.push(index);
        scratch[index]! += (1 + Math.log(count)) * weight;
      }
      counts.clear();
    };
    visitFeatures(text, { charNgrams: this.parameters.charNgrams }, (featureGroup, feature) => {
      if (featureGroup !== group) {
        flush();
        group = featureGroup;
      }
      const hash = hashFeature(featureGroup, feature);
      counts.set(hash, (counts.get(hash) ?? 0) + 1);
    });
    flush();
    return touched;
  }

  embedSparse(text: string): SparseVector {
    const touched = this.termFrequencies(text).sort((left, right) => left - right);
    const indices = Uint32Array.from(touched);
    const values = new Float32Array(indices.length);
    let sum = 0;
    for (let position = 0; position < indices.length; position++) {
      const index = indices[position]!;
      const value = this.scratch[index]! * this.idf[index]!;
      this.scratch[index] = 0;
      values[position] = value;
      sum += value * value;
    }
    if (sum > 0) {
      const scale = 1 / Math.sqrt(sum);
      for (let position = 0; position < values.length; position++) values[position]! *= scale;
    }
    return { indices, values };
  }

  async embed(texts: string[]): Promise<Float32Array[]> {
    return texts.map((text) => {
      const sparse = this.embedSparse(text);
      const dense = new Float32Array(this.dimensions);
      for (let position = 0; position < sparse.indices.length; position++) {
        dense[sparse.indices[position]!] = sparse.values[position]!;
      }
      return dense;
    });
  }

  describe(): EmbedderDescriptor {
    return { id: this.id, parameters: { ...this.parameters } };
  }
}
