/** Turns texts into vectors a kNN router can compare by cosine similarity. */
export interface Embedder {
  /** `hashed-tfidf`, `use-lite` or `model`; stored in a trained artifact and checked on load. */
  readonly id: string;
  readonly dimensions: number;
  /** One L2-normalised vector per text, in order. */
  embed(texts: string[]): Promise<Float32Array[]>;
  /** What a trained artifact records so that loading can rebuild (or check) this embedder. */
  describe(): EmbedderDescriptor;
}

/** A vector with few non-zero entries: `indices` ascending, `values` the matching entries. */
export interface SparseVector {
  indices: Uint32Array;
  values: Float32Array;
}

/** An embedder whose vectors are sparse, so a query costs time in proportion to its own length. */
export interface SparseEmbedder extends Embedder {
  embedSparse(text: string): SparseVector;
}

export interface EmbedderDescriptor {
  id: string;
  parameters: Record<string, unknown>;
}

export function isSparseEmbedder(embedder: Embedder): embedder is SparseEmbedder {
  return typeof (embedder as Partial<SparseEmbedder>).embedSparse === 'function';
}

/** Scales a vector to unit length in place (a zero vector stays zero). */
export function normalizeInPlace(vector: Float32Array): Float32Array {
  let sum = 0;
  for (let index = 0; index < vector.length; index++) sum += vector[index]! * vector[index]!;
  if (sum > 0) {
    const scale = 1 / Math.sqrt(sum);
    for (let index = 0; index < vector.length; index++) vector[index]! *= scale;
  }
  return vector;
}
