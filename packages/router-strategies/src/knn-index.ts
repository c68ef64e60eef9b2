import type { SparseVector } from './embedder';
import type { KnnArtifact } from './knn-artifact';

/**
 * Cosine top-k over the training vectors and the neighbours' per-model scores. Sparse vectors are
 * searched through an inverted index (dimension → rows), so a query costs time in proportion to the
 * rows that share one of its dimensions; dense vectors through one flat Float32Array. Scratch arrays
 * are allocated once, so a decision allocates almost nothing.
 */
export class KnnIndex {
  readonly rows: number;
  readonly models: readonly string[];
  private readonly similarities: Float32Array;
  private readonly selection: Float32Array;
  private readonly neighbourRows: Int32Array;
  private readonly sums: Float64Array;
  private readonly weights: Float64Array;
  /** Mean score per model over all rows, for a query that resembles nothing. */
  private readonly prior: Float64Array;
  /** For family-knn artifacts: each row's family and each family's mean scores (`families × models`). */
  private readonly rowFamilies?: Uint32Array;
  private readonly familyMeans?: Float64Array;
  private readonly shrinkage: number;
  private readonly postings?: { offsets: Uint32Array; rows: Uint32Array; values: Float32Array };
  private readonly dense?: Float32Array;

  constructor(
    private readonly artifact: KnnArtifact,
    private readonly similarityPower: number,
  ) {
    const { header, vectors } = artifact;
    this.rows = header.rows;
    this.models = header.models;
    this.similarities = new Float32Array(this.rows);
    this.selection = new Float32Array(this.rows);
    this.neighbourRows = new Int32Array(this.rows);
    this.sums = new Float64Array(this.models.length);
    this.weights = new Float64Array(this.models.length);
    this.prior = this.meanScores(() => 0, 1, new Float64Array(this.models.length));
    this.shrinkage = header.familyShrinkage ?? 0;
    if (artifact.rowFamilies && header.families) {
      this.rowFamilies = artifact.rowFamilies;
      const rowFamilies = artifact.rowFamilies;
      this.familyMeans = this.meanScores((row) => rowFamilies[row]!, header.families.length, this.prior);
    }
    if (vectors.encoding === 'sparse')
      this.postings = invert(vectors.rowOffsets, vectors.indices, vectors.values, header.dimensions);
    else this.dense = vectors.values;
  }

  /** Mean score per group and model (`groups × models`); a group without scores takes `fallback`. */
  private meanScores(groupOf: (row: number) => number, groups: number, fallback: Float64Array): Float64Array {
    const { scores } = this.artifact;
    const modelCount = this.models.length;
    const sums = new Float64Array(groups * modelCount);
    const counts = new Float64Array(groups * modelCount);
    for (let row = 0; row < this.rows; row++) {
      const base = groupOf(row) * modelCount;
      for (let model = 0; model < modelCount; model++) {
        const score = scores[row * modelCount + model]!;
        if (!Number.isNaN(score)) {
          sums[base + model]! += score;
          counts[base + model]! += 1;
        }
      }
    }
    return sums.map((sum, cell) => (counts[cell]! > 0 ? sum / counts[cell]! : fallback[cell % modelCount]!));
  }

  private scoreSparse(query: SparseVector): void {
    const similarities = this.similarities;
    similarities.fill(0);
    const { offsets, rows, values } = this.postings!;
    for (let position = 0; position < query.indices.length; position++) {
      const dimension = query.indices[position]!;
      const weight = query.values[position]!;
      const end = offsets[dimension + 1]!;
      for (let entry = offsets[dimension]!; entry < end; entry++)
        similarities[rows[entry]!]! += weight * values[entry]!;
    }
  }

  private scoreDense(query: Float32Array): void {
    const matrix = this.dense!;
    const dimensions = query.length;
    const unrolled = dimensions - (dimensions % 4);
    for (let row = 0, base = 0; row < this.rows; row++, base += dimensions) {
      // Four independent sums let the CPU overlap the multiply-adds.
      let a = 0;
      let b = 0;
      let c = 0;
      let d = 0;
      let column = 0;
      for (; column < unrolled; column += 4) {
        a += query[column]! * matrix[base + column]!;
        b += query[column + 1]! * matrix[base + column + 1]!;
        c += query[column + 2]! * matrix[base + column + 2]!;
        d += query[column + 3]! * matrix[base + column + 3]!;
      }
      for (; column < dimensions; column++) a += query[column]! * matrix[base + column]!;
      this.similarities[row] = a + b + c + d;
    }
  }

  /**
   * Predicted quality per model (in `models` order) for a query vector. With a `family` (an index into
   * the artifact's families), only that family's rows are neighbours, and the family's mean scores join
   * the average with weight `familyShrinkage`.
   */
  predict(query: SparseVector | Float32Array, k: number, family = -1): Float64Array {
    if (query instanceof Float32Array) this.scoreDense(query);
    else this.scoreSparse(query);
    const modelCount = this.models.length;
    const { sums, weights } = this;
    sums.fill(0);
    weights.fill(0);
    let prior = this.prior;
    if (family >= 0 && this.rowFamilies && this.familyMeans) {
      const rowFamilies = this.rowFamilies;
      for (let row = 0; row < this.rows; row++) if (rowFamilies[row] !== family) this.similarities[row] = 0;
      prior = this.familyMeans.subarray(family * modelCount, (family + 1) * modelCount);
      for (let model = 0; model < modelCount; model++) {
        sums[model] = this.shrinkage * prior[model]!;
        weights[model] = this.shrinkage;
      }
    }
    const count = this.selectTop(Math.min(k, this.rows));
    const scores = this.artifact.scores;
    for (let position = 0; position < count; position++) {
      const row = this.neighbourRows[position]!;
      const similarity = this.similarities[row]!;
      if (similarity <= 0) continue;
      const weight = similarity ** this.similarityPower;
      for (let model = 0, base = row * modelCount; model < modelCount; model++) {
        const score = scores[base + model]!;
        if (Number.isNaN(score)) continue;
        sums[model]! += weight * score;
        weights[model]! += weight;
      }
    }
    return sums.map((sum, model) => (weights[model]! > 0 ? sum / weights[model]! : prior[model]!));
  }

  /** Fills `neighbourRows` with the `k` most similar rows (any order) and returns how many. */
  private selectTop(k: number): number {
    if (k <= 0) return 0;
    const selection = this.selection;
    selection.set(this.similarities);
    const threshold = kthLargest(selection, k);
    let count = 0;
    // Strictly above the threshold first, then ties, so exactly k rows are taken.
    for (let row = 0; row < this.rows && count < k; row++)
      if (this.similarities[row]! > threshold) this.neighbourRows[count++] = row;
    for (let row = 0; row < this.rows && count < k; row++)
      if (this.similarities[row] === threshold) this.neighbourRows[count++] = row;
    return count;
  }
}

/** CSR rows → CSC postings (per dimension, the rows that use it). */
function invert(rowOffsets: Uint32Array, indices: Uint32Array, values: Float32Array, dimensions: number) {
  const offsets = new Uint32Array(dimensions + 1);
  for (let entry = 0; entry < indices.length; entry++) offsets[indices[entry]! + 1]! += 1;
  for (let dimension = 0; dimension < dimensions; dimension++) offsets[dimension + 1]! += offsets[dimension]!;
  const cursor = offsets.slice(0, dimensions);
  const rows = new Uint32Array(indices.length);
  const postingValues = new Float32Array(indices.length);
  for (let row = 0; row + 1 < rowOffsets.length; row++) {
    for (let entry = rowOffsets[row]!; entry < rowOffsets[row + 1]!; entry++) {
      const target = cursor[indices[entry]!]!++;
      rows[target] = row;
      postingValues[target] = values[entry]!;
    }
  }
  return { offsets, rows, values: postingValues };
}

/** Quickselect (Hoare partition, middle pivot): the k-th largest value; reorders `values`. */
export function kthLargest(values: Float32Array, k: number): number {
  let low = 0;
  let high = values.length - 1;
  const target = k - 1;
  while (low < high) {
    const pivot = values[(low + high) >>> 1]!;
    let left = low;
    let right = high;
    while (left <= right) {
      while (values[left]! > pivot) left++;
      while (values[right]! < pivot) right--;
      if (left <= right) {
        const swap = values[left]!;
        values[left] = values[right]!;
        values[right] = swap;
        left++;
        right--;
      }
    }
    if (target <= right) high = right;
    else if (target >= left) low = left;
    else break;
  }
  return values[target]!;
}
