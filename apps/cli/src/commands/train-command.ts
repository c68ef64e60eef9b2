import { CONFIG_OPTION, type CommandSpec, JSON_OPTION } from '../command-spec';

export const trainCommand: CommandSpec = {
  name: 'train',
  summary: 'train the learned (kNN) router from routing data into an artifact file',
  usage: [
    'llmrouter train --router knn --data train.json --prices models.json --output router.knn',
    'llmrouter train --data routing.json --config llmrouter.yaml --embedder model:titan-embed-v2',
  ],
  options: {
    router: {
      type: 'string',
      value: 'kind',
      description: 'the learned router to train: knn (aliases knnrouter, llmrouter); default knn',
    },
    data: {
      type: 'string',
      short: 'd',
      value: 'file',
      description: 'routing data: [{question, scores: {model: score}}] JSON, or LLMRouter JSONL',
    },
    output: {
      type: 'string',
      short: 'o',
      value: 'file',
      description: 'where to write the artifact (default router.knn)',
    },
    embedder: {
      type: 'string',
      value: 'name',
      description: 'hashed-tfidf (default), use-lite, or model:<configured embedding model>',
    },
    prices: {
      type: 'string',
      value: 'file',
      description: 'model prices ({name: {input_price, output_price}}, e.g. models.json)',
    },
    config: { ...CONFIG_OPTION, description: 'config for prices and embedding models (optional)' },
    k: { type: 'string', value: 'count', description: 'neighbours per query (default 200)' },
    learner: {
      type: 'string',
      value: 'name',
      description:
        'knn (default), family-knn (neighbours from the same prompt family only) or linear (per-model ridge scorers; hashed-tfidf only; faster decisions)',
    },
    json: JSON_OPTION,
  },
  notes: [
    'Use the artifact with `router: {strategy: llmrouter, artifact: router.knn}` or `--router llmrouter --artifact router.knn`.',
  ],
  load: () => import('./run-train'),
};
