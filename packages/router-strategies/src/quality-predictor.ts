import type { SparseVector } from './embedder';
import type { KnnArtifact } from './knn-artifact';
import { KnnIndex } from './knn-index';
import { LinearScorer } from './linear-scorer';
import { promptFamily } from './prompt-family';
import { routerConfigError } from './strategy-errors';

/** Predicted quality per artifact model (in `header.models` order) for one prompt. */
export interface QualityPredictor {
  /** Says how the prediction was made, for a decision's reason. */
  readonly label: string;
  predict(query: SparseVector | Float32Array, text: string): Float64Array;
}

/**
 * The predictor a trained artifact asks for: its kNN index (searched within the prompt's family for
 * family-knn artifacts), or its per-model linear scorers.
 */
export function createQualityPredictor(artifact: KnnArtifact, k: number): QualityPredictor {
  const { header } = artifact;
  if (artifact.linear) {
    const scorer = new LinearScorer(artifact.linear, header.dimensions, header.models);
    return {
      label: 'linear',
      predict(query, text) {
        if (query instanceof Float32Array) {
          throw routerConfigError(
            'embedder',
            'the linear learner needs a sparse (hashed-tfidf) embedder',
            'retrain with the hashed-tfidf embedder or with learner: knn',
          );
        }
        return scorer.predict(query, text);
      },
    };
  }
  const index = new KnnIndex(artifact, header.similarityPower ?? 2);
  if (artifact.rowFamilies && header.families) {
    // Families are matched by name, so an artifact trained with other rules still loads; a prompt
    // whose family it does not know is searched among all rows.
    const position = new Map(header.families.map((family, index) => [family, index] as const));
    return {
      label: `family kNN (k=${k})`,
      predict: (query, text) => index.predict(query, k, position.get(promptFamily(text)) ?? -1),
    };
  }
  return { label: `kNN (k=${k})`, predict: (query) => index.predict(query, k) };
}
