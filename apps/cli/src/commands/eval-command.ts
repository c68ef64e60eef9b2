import { CONFIG_OPTION, type CommandSpec, JSON_OPTION } from '../command-spec';

export const evalCommand: CommandSpec = {
  name: 'eval',
  summary: 'replay held-out routing data through a trained router: quality against cost, with baselines',
  usage: ['llmrouter eval --artifact router.knn --data test.json --output eval.json --svg eval.svg'],
  options: {
    artifact: {
      type: 'string',
      short: 'a',
      value: 'file',
      description: 'the trained artifact (from llmrouter train)',
    },
    data: {
      type: 'string',
      short: 'd',
      value: 'file',
      description: 'evaluation data, never the training split',
    },
    prices: {
      type: 'string',
      value: 'file',
      description: 'model prices (default: those stored in the artifact)',
    },
    output: { type: 'string', short: 'o', value: 'file', description: 'write the full evaluation as JSON' },
    svg: { type: 'string', value: 'file', description: 'write the cost/quality chart as SVG' },
    config: {
      ...CONFIG_OPTION,
      description: 'config with the embedding model, for artifacts trained with --embedder model:<name>',
    },
    json: JSON_OPTION,
  },
  notes: ['Costs are relative: 1 = always choosing the best single model. No model is called.'],
  load: () => import('./run-eval'),
};
