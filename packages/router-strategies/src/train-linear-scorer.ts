import type { SparseVector } from './embedder';
import { type LinearWeights, linearFeatureCount } from './linear-scorer';
import { taskFamilyIndex } from './task-family';

export interface LinearTrainingSet {
  vectors: readonly SparseVector[];
  texts: readonly string[];
  /** `rows × models`, NaN where a model has no score (treated as that model's mean). */
  scores: Float32Array;
  models: number;
  dimensions: number;
}

/** A row's features as CSR: the TF-IDF non-zeros plus its task-family indicator. */
function featureRows(set: LinearTrainingSet) {
  const rowOffsets = new Uint32Array(set.vectors.length + 1);
  set.vectors.forEach((vector, row) => {
    rowOffsets[row + 1] = rowOffsets[row]! + vector.indices.length + 1;
  });
  const indices = new Uint32Array(rowOffsets[set.vectors.length]!);
  const values = new Float64Array(indices.length);
  set.vectors.forEach((vector, row) => {
    const start = rowOffsets[row]!;
    indices.set(vector.indices, start);
    values.set(vector.values, start);
    indices[start + vector.indices.length] = set.dimensions + taskFamilyIndex(set.texts[row]!);
    values[start + vector.indices.length] = 1;
  });
  return { rowOffsets, indices, values };
}

/**
 * Ridge regression per model on centred features, solved by conjugate gradients on
 * (Xcᵀ Xc + αI) w = Xcᵀ (y − ȳ) without ever forming Xcᵀ Xc: each step is two sparse passes over the
 * data. The closed form (not SGD) makes training deterministic and free of learning-rate tuning.
 */
export function trainLinearScorer(set: LinearTrainingSet, alpha: number): LinearWeights {
  const { rowOffsets, indices, values } = featureRows(set);
  const rows = set.vectors.length;
  const features = linearFeatureCount(set.dimensions);
  const mean = new Float64Array(features);
  for (let entry = 0; entry < indices.length; entry++) mean[indices[entry]!]! += values[entry]! / rows;
  const meanDot = (vector: Float64Array) =>
    vector.reduce((sum, value, index) => sum + value * mean[index]!, 0);
  // Xc v (one value per row) and Xcᵀ u (one value per feature).
  const times = (vector: Float64Array, into: Float64Array) => {
    const shift = meanDot(vector);
    for (let row = 0; row < rows; row++) {
      let sum = -shift;
      for (let entry = rowOffsets[row]!; entry < rowOffsets[row + 1]!; entry++)
        sum += values[entry]! * vector[indices[entry]!]!;
      into[row] = sum;
    }
  };
  const transposeTimes = (vector: Float64Array, into: Float64Array) => {
    into.fill(0);
    let total = 0;
    for (let row = 0; row < rows; row++) {
      const value = vector[row]!;
      total += value;
      for (let entry = rowOffsets[row]!; entry < rowOffsets[row + 1]!; entry++)
        into[indices[entry]!]! += values[entry]! * value;
    }
    for (let feature = 0; feature < features; feature++) into[feature]! -= total * mean[feature]!;
  };

  const weights = new Float32Array(features * set.models);
  const bias = new Float32Array(set.models);
  const perRow = new Float64Array(rows);
  for (let model = 0; model < set.models; model++) {
    const target = new Float64Array(rows);
    let sum = 0;
    let count = 0;
    for (let row = 0; row < rows; row++) {
      const score = set.scores[row * set.models + model]!;
      if (!Number.isNaN(score)) {
        sum += score;
        count += 1;
      }
    }
    const average = count > 0 ? sum / count : 0;
    for (let row = 0; row < rows; row++) {
      const score = set.scores[row * set.models + model]!;
      target[row] = Number.isNaN(score) ? 0 : score - average;
    }
    const solution = new Float64Array(features);
    const residual = new Float64Array(features);
    transposeTimes(target, residual);
    const direction = residual.slice();
    const product = new Float64Array(features);
    let residualNorm = dot(residual, residual);
    const tolerance = residualNorm * 1e-12;
    for (let iteration = 0; iteration < 500 && residualNorm > tolerance; iteration++) {
      times(direction, perRow);
      transposeTimes(perRow, product);
      for (let feature = 0; feature < features; feature++) product[feature]! += alpha * direction[feature]!;
      const step = residualNorm / dot(direction, product);
      for (let feature = 0; feature < features; feature++) {
        solution[feature]! += step * direction[feature]!;
        residual[feature]! -= step * product[feature]!;
      }
      const next = dot(residual, residual);
      const ratio = next / residualNorm;
      residualNorm = next;
      for (let feature = 0; feature < features; feature++)
        direction[feature] = residual[feature]! + ratio * direction[feature]!;
    }
    for (let feature = 0; feature < features; feature++)
      weights[feature * set.models + model] = solution[feature]!;
    // Centred model: q = (x − μ)·w + ȳ = x·w + (ȳ − μ·w).
    bias[model] = average - meanDot(solution);
  }
  return { weights, bias };
}

function dot(left: Float64Array, right: Float64Array): number {
  let sum = 0;
  for (let index = 0; index < left.length; index++) sum += left[index]! * right[index]!;
  return sum;
}
