import type { SparseVector } from './embedder';
import { TASK_FAMILIES, taskFamilyIndex } from './task-family';

/** Per-model ridge weights over the hashed TF-IDF dimensions followed by one column per task family. */
export interface LinearWeights {
  /** `features × models`, feature-major, so a query's non-zeros read contiguous rows. */
  weights: Float32Array;
  /** One intercept per model. */
  bias: Float32Array;
}

/** Ridge strength chosen by 5-fold cross-validation on train.json (docs/strategies.md). */
export const LINEAR_DEFAULTS = { ridgeAlpha: 10 } as const;

export function linearFeatureCount(dimensions: number): number {
  return dimensions + TASK_FAMILIES.length;
}

/**
 * Predicted quality per model = the prompt's features · that model's ridge weights + its intercept.
 * A decision is one sparse dot product per model: a few hundred multiply-adds.
 */
export class LinearScorer {
  private readonly output: Float64Array;

  constructor(
    private readonly linear: LinearWeights,
    private readonly dimensions: number,
    readonly models: readonly string[],
  ) {
    this.output = new Float64Array(models.length);
  }

  predict(query: SparseVector, text: string): Float64Array {
    const { weights, bias } = this.linear;
    const modelCount = this.models.length;
    const output = this.output;
    for (let model = 0; model < modelCount; model++) output[model] = bias[model]!;
    for (let position = 0; position < query.indices.length; position++) {
      const value = query.values[position]!;
      const base = query.indices[position]! * modelCount;
      for (let model = 0; model < modelCount; model++) output[model]! += value * weights[base + model]!;
    }
    const familyBase = (this.dimensions + taskFamilyIndex(text)) * modelCount;
    for (let model = 0; model < modelCount; model++) output[model]! += weights[familyBase + model]!;
    return output.slice();
  }
}
